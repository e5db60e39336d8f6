// Rejected webhook requests, newest first, and what usually causes them.
import type { RejectedWebhookDto, RejectedWebhookSummary } from "@/lib/data/admin/webhooks";
import { formatClockSeconds, formatDateTime } from "@/lib/format";
import { formatCount } from "./admin-page";

const STATUS_MEANING: Record<number, string> = {
  400: "Unreadable callback",
  403: "Bad or missing signature",
  413: "Body too large",
  415: "Wrong content type",
};

export function WebhookCauses({ endpoints, summary }: { endpoints: { publicBaseUrl: string; statusUrl: string; inboundUrl: string }; summary: RejectedWebhookSummary }) {
  return (
    <section aria-labelledby="causes-title" className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 text-sm lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <div>
        <h2 id="causes-title" className="text-sm font-semibold text-slate-800">When requests are rejected</h2>
        <ul className="mt-2 list-disc space-y-1.5 pl-5 text-slate-700">
          <li>
            <span className="font-medium text-slate-900">Every callback gets 403 &ldquo;does not match&rdquo;</span>: the URL Twilio calls
            differs from <code className="rounded bg-slate-100 px-1 text-xs">PUBLIC_BASE_URL</code> plus the path. Behind a proxy, load
            balancer or tunnel, set <code className="rounded bg-slate-100 px-1 text-xs">PUBLIC_BASE_URL</code> to the public https address
            Twilio uses, exactly (scheme, host, port).
          </li>
          <li>
            <span className="font-medium text-slate-900">403 since a token change</span>: <code className="rounded bg-slate-100 px-1 text-xs">TWILIO_AUTH_TOKEN</code> is
            not the account&apos;s current auth token. While rotating, put the old one in{" "}
            <code className="rounded bg-slate-100 px-1 text-xs">TWILIO_AUTH_TOKEN_SECONDARY</code>.
          </li>
          <li>
            <span className="font-medium text-slate-900">An occasional 403 from an unknown address</span>: someone other than Twilio is
            posting to the webhook. Nothing was changed; no action is needed.
          </li>
          <li>
            <span className="font-medium text-slate-900">415 or 413</span>: a client other than Twilio (a test script, a health check)
            sends JSON or a large body.
          </li>
        </ul>
      </div>
      <div className="space-y-3">
        <div>
          <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Signatures are checked against</h3>
          <dl className="mt-1 space-y-1 text-xs">
            <div>
              <dt className="text-slate-500">Status callbacks</dt>
              <dd className="font-mono break-all text-slate-900" data-testid="status-url">{endpoints.statusUrl}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Incoming messages</dt>
              <dd className="font-mono break-all text-slate-900">{endpoints.inboundUrl}</dd>
            </div>
          </dl>
          <p className="mt-1 text-xs text-slate-600">These must be exactly the URLs set in Twilio.</p>
        </div>
        <div>
          <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Kept</h3>
          <p className="mt-1 text-xs text-slate-700">
            {formatCount(summary.total)} rejected {summary.total === 1 ? "request" : "requests"}, {formatCount(summary.lastDay)} in the last 24 hours
            {summary.byStatus.length ? ": " : "."}
            {summary.byStatus.map((s, i) => (
              <span key={s.httpStatus}>
                {i ? ", " : ""}
                {formatCount(s.count)} × {s.httpStatus}
              </span>
            ))}
          </p>
        </div>
      </div>
    </section>
  );
}

function bytes(n: number): string {
  return n < 1024 ? `${formatCount(n)} bytes` : `${(n / 1024).toLocaleString("en-US", { maximumFractionDigits: 1 })} KiB`;
}

const th = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500";
const td = "px-3 py-2 align-top";

export function RejectedWebhookTable({ items, tz }: { items: RejectedWebhookDto[]; tz: string }) {
  return (
    <table className="w-full table-fixed border-collapse text-sm" data-testid="rejected-webhooks">
      <caption className="sr-only">Rejected webhook requests, newest first</caption>
      <colgroup>
        <col className="w-36" />
        <col className="w-56" />
        <col className="w-96" />
        <col />
      </colgroup>
      <thead className="border-b border-slate-200 bg-slate-50">
        <tr>
          <th scope="col" className={th}>Time</th>
          <th scope="col" className={th}>Route</th>
          <th scope="col" className={th}>Reason</th>
          <th scope="col" className={th}>Body</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {items.map((r) => (
          <tr key={r.id} data-testid="rejected-webhook" data-id={r.id}>
            <td className={`${td} whitespace-nowrap text-slate-600`}>
              <time dateTime={r.receivedAt} title={formatClockSeconds(r.receivedAt, tz)}>{formatDateTime(r.receivedAt, tz)}</time>
              {r.remoteAddress ? <span className="block font-mono text-xs text-slate-500">{r.remoteAddress}</span> : null}
            </td>
            <td className={`${td} font-mono text-xs break-all text-slate-800`}>{r.route}</td>
            <td className={td}>
              <span className="mr-1.5 inline-block rounded bg-red-50 px-1.5 font-mono text-xs font-semibold text-red-800 ring-1 ring-inset ring-red-200">{r.httpStatus}</span>
              <span className="text-xs font-medium text-slate-700">{STATUS_MEANING[r.httpStatus] ?? "Rejected"}</span>
              <p className="mt-0.5 break-words text-slate-800" data-testid="reason">{r.reason}</p>
            </td>
            <td className={td}>
              {r.body ? (
                <details>
                  <summary className="cursor-pointer truncate font-mono text-xs text-slate-700 hover:text-slate-900">
                    {r.body.slice(0, 120)}
                  </summary>
                  <pre className="mt-1 max-h-60 overflow-auto rounded bg-slate-50 p-2 font-mono text-xs break-all whitespace-pre-wrap text-slate-800 ring-1 ring-slate-200" data-testid="body">
                    {r.body}
                  </pre>
                </details>
              ) : (
                <span className="text-xs text-slate-500">(empty)</span>
              )}
              <span className="mt-0.5 block text-xs text-slate-500">
                {bytes(r.bodyBytes)}
                {r.bodyTruncated ? ", first 2 KiB kept" : ""}
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
