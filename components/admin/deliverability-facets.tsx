// Counts for the current filter, each a link that narrows it: per display status (the status
// part of the filter left out, so every status is a choice) and the most frequent error codes.
import Link from "next/link";
import type { DeliverabilityFacets } from "@/lib/data/admin/deliverability";
import { errorInfo, topicGuidanceHref } from "@/lib/errors/catalog";
import { OUTBOUND_DISPLAY_STATUSES, type DisplayStatus } from "@/lib/status";
import { StatusBadge } from "../status-badge";
import { formatCount, formatRate, Panel } from "./admin-page";
import { filterHref, type FilterQuery } from "./filter-query";

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

const tileClass = "flex min-w-0 flex-col gap-1 px-4 py-2.5 hover:bg-slate-50 focus-visible:relative";

export function StatusFacets({ facets, query }: { facets: DeliverabilityFacets; query: FilterQuery }) {
  const allOutbound = sameSet(query.displayStatus, OUTBOUND_DISPLAY_STATUSES);
  const selected = (s: DisplayStatus) => query.displayStatus.length > 0 && query.displayStatus.includes(s) && !allOutbound;
  return (
    <nav aria-label="Texts by status" className="overflow-hidden rounded-lg border border-slate-200 bg-white">
      <ul className="grid grid-cols-2 divide-x divide-y divide-slate-100 sm:grid-cols-4 xl:grid-cols-8 xl:divide-y-0">
        <li>
          <Link
            prefetch={false}
            href={filterHref(query, { displayStatus: [...OUTBOUND_DISPLAY_STATUSES] })}
            aria-current={allOutbound ? "true" : undefined}
            data-testid="status-facet"
            data-status="outbound"
            className={`${tileClass} ${allOutbound ? "bg-blue-50 shadow-[inset_0_-2px_0_#1d4ed8]" : ""}`}
          >
            <span className="text-xs font-medium text-slate-600">Texts sent</span>
            <span className="text-xl font-semibold tabular-nums" data-testid="facet-count">{formatCount(facets.outbound)}</span>
          </Link>
        </li>
        {[...OUTBOUND_DISPLAY_STATUSES, "received" as const].map((s) => (
          <li key={s}>
            <Link
              prefetch={false}
              href={filterHref(query, { displayStatus: [s] })}
              aria-current={selected(s) ? "true" : undefined}
              data-testid="status-facet"
              data-status={s}
              className={`${tileClass} ${selected(s) ? "bg-blue-50 shadow-[inset_0_-2px_0_#1d4ed8]" : ""}`}
            >
              <span className="flex items-center">
                <StatusBadge status={s} />
              </span>
              <span className="flex items-baseline gap-1.5">
                <span className="text-xl font-semibold tabular-nums" data-testid="facet-count">{formatCount(facets.statuses[s])}</span>
                {s === "delivered" ? (
                  <span className="text-xs text-slate-600" title="Delivered, of the texts with a final outcome">
                    {formatRate(facets.deliveryRate)}
                  </span>
                ) : null}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function CodeFacets({ facets, query }: { facets: DeliverabilityFacets; query: FilterQuery }) {
  const max = Math.max(1, ...facets.codes.map((c) => c.count));
  return (
    <Panel
      title="Top error codes"
      titleId="codes-title"
      className="flex flex-col"
      aside={query.errorCode.length ? <Link prefetch={false} href={filterHref(query, { errorCode: [] })} className="text-blue-700 hover:underline">Any code</Link> : "for this filter"}
    >
      {facets.codes.length === 0 ? (
        <p className="px-4 py-3 text-sm text-slate-600">
          No error codes for this filter. When a carrier or the provider reports why a text failed, its code is counted here.
        </p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm" aria-labelledby="codes-title">
          {facets.codes.map((c) => {
            const on = query.errorCode.includes(c.code);
            const guidance = errorInfo(c.code)?.guidance ?? (errorInfo(c.code) ? null : "a2p-10dlc");
            return (
              <li key={c.code} className={`relative flex items-center gap-2 px-4 py-1.5 ${on ? "bg-blue-50" : ""}`}>
                <span aria-hidden="true" className="absolute inset-y-1 left-0 rounded-r bg-red-100" style={{ width: `${Math.max(2, (c.count / max) * 100) * 0.35}%` }} />
                <Link
                  prefetch={false}
                  href={filterHref(query, { errorCode: on ? query.errorCode.filter((x) => x !== c.code) : [c.code] })}
                  aria-current={on ? "true" : undefined}
                  data-testid="code-facet"
                  data-code={c.code}
                  className="relative flex min-w-0 flex-1 items-baseline gap-2 hover:underline"
                >
                  <span className="font-mono text-xs font-semibold text-slate-900">{c.code}</span>
                  <span className="truncate text-slate-700">{c.title}</span>
                  <span className="ml-auto tabular-nums font-medium text-slate-900">{formatCount(c.count)}</span>
                </Link>
                {guidance ? (
                  <Link prefetch={false} href={topicGuidanceHref(guidance)} className="relative shrink-0 text-xs text-blue-700 hover:underline" title="Registration guidance">
                    {guidance === "a2p-10dlc" ? "A2P" : "TFV"}
                    <span className="sr-only"> guidance for {c.code}</span>
                  </Link>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </Panel>
  );
}
