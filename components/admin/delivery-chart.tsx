// Texts sent per hour, day or week, drawn on the server as SVG: one stacked bar per period
// (failed at the base, where it is hardest to miss, then delivered, then still waiting), with a
// summary for screen readers and the same numbers in a visually hidden table.
import type { DeliverySeries, SeriesBucket } from "@/lib/data/admin/deliverability";
import { formatter } from "@/lib/format";
import { formatCount, Panel } from "./admin-page";

const W = 760;
const H = 220;
const M = { top: 12, right: 8, bottom: 26, left: 44 };
const PLOT_W = W - M.left - M.right;
const PLOT_H = H - M.top - M.bottom;

const SERIES = [
  { key: "failed", label: "Failed, undelivered or unknown", fill: "#dc2626" },
  { key: "delivered", label: "Delivered", fill: "#059669" },
  { key: "pending", label: "Sending or sent, no receipt yet", fill: "#cbd5e1" },
] as const;

function niceMax(v: number): number {
  if (v <= 4) return 4;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function periodLabel(iso: string, size: DeliverySeries["size"], tz: string, long = false): string {
  const d = new Date(iso);
  if (size === "hour") {
    return formatter("en-US", long ? { month: "short", day: "numeric", hour: "numeric" } : { hour: "numeric" }, tz).format(d);
  }
  const day = formatter("en-US", { month: "short", day: "numeric" }, tz).format(d);
  return size === "week" && long ? `Week of ${day}` : day;
}

function summary(series: DeliverySeries, tz: string): string {
  const unit = series.size === "hour" ? "hour" : series.size === "day" ? "day" : "week";
  const first = series.buckets[0];
  const last = series.buckets[series.buckets.length - 1];
  if (!first || !last) return "No period to chart.";
  const total = series.buckets.reduce(
    (a, b) => ({ sent: a.sent + b.sent, delivered: a.delivered + b.delivered, failed: a.failed + b.failed }),
    { sent: 0, delivered: 0, failed: 0 },
  );
  const span = `${periodLabel(first.start, series.size, tz, true)} to ${periodLabel(last.start, series.size, tz, true)}`;
  if (total.sent === 0) return `Texts sent per ${unit}, ${span}: no texts were sent in this period.`;
  const worst = series.buckets.reduce<SeriesBucket>((w, b) => (b.failed > w.failed ? b : w), first);
  const peak = worst.failed > 0 ? ` Most failures: ${formatCount(worst.failed)} on ${periodLabel(worst.start, series.size, tz, true)}.` : "";
  return `Texts sent per ${unit}, ${span}: ${formatCount(total.sent)} sent, ${formatCount(total.delivered)} delivered, ${formatCount(total.failed)} failed, undelivered or unknown error.${peak}`;
}

export function DeliveryChart({ series, tz }: { series: DeliverySeries; tz: string }) {
  const n = series.buckets.length;
  const max = niceMax(Math.max(0, ...series.buckets.map((b) => b.sent)));
  const slot = n ? PLOT_W / n : PLOT_W;
  const barW = Math.max(1, Math.min(slot * 0.72, 40));
  const y = (v: number) => M.top + PLOT_H - (v / max) * PLOT_H;
  const ticks = [0, max / 2, max];
  const labelEvery = Math.max(1, Math.ceil(n / 8));
  const unit = series.size === "hour" ? "Hourly" : series.size === "day" ? "Daily" : "Weekly";
  const label = summary(series, tz);
  const empty = series.buckets.every((b) => b.sent === 0);
  return (
    <Panel
      title="Sent, delivered and failed over time"
      titleId="chart-title"
      aside={`${unit}${series.defaultRange ? ", last 7 days" : ""}${series.clipped ? ", newest two years" : ""} · every status`}
    >
      <figure className="px-4 pt-2 pb-3" data-testid="delivery-chart">
        <ul className="mb-1 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700" aria-hidden="true">
          {SERIES.map((s) => (
            <li key={s.key} className="inline-flex items-center gap-1.5">
              <span className="inline-block h-2.5 w-2.5 rounded-sm" style={{ background: s.fill }} />
              {s.label}
            </li>
          ))}
          <li className="text-slate-500">Bar height: texts sent</li>
        </ul>
        <svg role="img" aria-label={label} viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" preserveAspectRatio="xMidYMid meet">
          {ticks.map((t) => (
            <g key={t}>
              <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} stroke={t === 0 ? "#94a3b8" : "#e2e8f0"} strokeWidth={1} />
              <text x={M.left - 6} y={y(t)} dy="0.32em" textAnchor="end" fontSize={11} fill="#64748b">
                {formatCount(t)}
              </text>
            </g>
          ))}
          {series.buckets.map((b, i) => {
            const x = M.left + i * slot + (slot - barW) / 2;
            let base = 0;
            return (
              <g key={b.start} data-testid="chart-bar">
                <title>{`${periodLabel(b.start, series.size, tz, true)}: ${formatCount(b.sent)} sent, ${formatCount(b.delivered)} delivered, ${formatCount(b.failed)} failed`}</title>
                {/* A transparent full-height target so the tooltip works over short bars too. */}
                <rect x={M.left + i * slot} y={M.top} width={slot} height={PLOT_H} fill="transparent" />
                {SERIES.map((s) => {
                  const v = b[s.key];
                  if (!v) return null;
                  const top = y(base + v);
                  const height = Math.max(y(base) - top, 1);
                  base += v;
                  return <rect key={s.key} x={x} y={top} width={barW} height={height} fill={s.fill} data-series={s.key} />;
                })}
                {i % labelEvery === 0 ? (
                  <text x={M.left + i * slot + slot / 2} y={H - 8} textAnchor="middle" fontSize={11} fill="#64748b">
                    {periodLabel(b.start, series.size, tz)}
                  </text>
                ) : null}
              </g>
            );
          })}
          {empty ? (
            <text x={M.left + PLOT_W / 2} y={M.top + PLOT_H / 2} textAnchor="middle" fontSize={13} fill="#64748b">
              No texts were sent in this period
            </text>
          ) : null}
        </svg>
        <table className="sr-only">
          <caption>Texts per {series.size} for this filter, every status</caption>
          <thead>
            <tr>
              <th scope="col">Period</th>
              <th scope="col">Sent</th>
              <th scope="col">Delivered</th>
              <th scope="col">Failed, undelivered or unknown</th>
              <th scope="col">No receipt yet</th>
            </tr>
          </thead>
          <tbody>
            {series.buckets.map((b) => (
              <tr key={b.start}>
                <th scope="row">{periodLabel(b.start, series.size, tz, true)}</th>
                <td>{b.sent}</td>
                <td>{b.delivered}</td>
                <td>{b.failed}</td>
                <td>{b.pending}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </figure>
    </Panel>
  );
}
