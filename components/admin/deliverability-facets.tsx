// Counts for the current filter, each a link that narrows it: per display status (the status
// part of the filter left out, so every status is a choice) and the most frequent error codes.
import Link from "next/link";
import type { DeliverabilityFacets } from "@/lib/data/admin/deliverability";
import { OUTBOUND_DISPLAY_STATUSES, type DisplayStatus } from "@/lib/status";
import { StatusBadge } from "../status-badge";
import { formatCount, formatRate, Panel } from "./admin-page";
import { filterHref, type FilterQuery } from "./filter-query";

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

const tileClass = "flex min-w-0 flex-col gap-1 px-3 py-2.5 hover:bg-slate-50 focus-visible:relative";

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
              <span className="flex items-center whitespace-nowrap">
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
            return (
              <li key={c.code}>
                <Link
                  prefetch={false}
                  href={filterHref(query, { errorCode: on ? query.errorCode.filter((x) => x !== c.code) : [c.code] })}
                  aria-current={on ? "true" : undefined}
                  data-testid="code-facet"
                  data-code={c.code}
                  className={`group flex items-center gap-2 px-4 py-1.5 hover:bg-slate-50 ${on ? "bg-blue-50 shadow-[inset_2px_0_0_#1d4ed8]" : ""}`}
                >
                  <span className="font-mono text-xs font-semibold text-slate-900">{c.code}</span>
                  <span className="min-w-0 flex-1 truncate text-slate-700 group-hover:underline">{c.title}</span>
                  <span aria-hidden="true" className="h-1.5 w-12 shrink-0 overflow-hidden rounded-full bg-slate-100">
                    <span className="block h-full rounded-full bg-red-500" style={{ width: `${Math.max(4, (c.count / max) * 100)}%` }} />
                  </span>
                  <span className="w-10 shrink-0 text-right font-medium tabular-nums text-slate-900">{formatCount(c.count)}</span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </Panel>
  );
}
