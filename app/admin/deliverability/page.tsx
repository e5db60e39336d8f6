// Every text across conversations, filtered as GET /api/messages filters it; counts, a chart,
// the list with cursor pagination, and a CSV export of exactly this filter.
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Download } from "lucide-react";
import { AdminForbidden, AdminPageHeader, buttonClass, formatCount, linkClass, ListPager } from "@/components/admin/admin-page";
import { CodeFacets, StatusFacets } from "@/components/admin/deliverability-facets";
import { DeliverabilityFilters, type DateRangeLink } from "@/components/admin/deliverability-filters";
import { DeliveryChart } from "@/components/admin/delivery-chart";
import {
  canonicalQuery,
  DELIVERABILITY_PATH,
  exportHref,
  filterHref,
  hasNarrowing,
  readFilterQuery,
  requestQuery,
  toSearchParams,
  type FilterQuery,
  type RawSearch,
} from "@/components/admin/filter-query";
import { MessageTable } from "@/components/admin/message-table";
import { deliverabilityFacets, deliverySeries, errorCodeOptions } from "@/lib/data/admin/deliverability";
import { adminPageActor } from "@/lib/data/admin/guard";
import { addDays, HOUR, startOfHour, zonedDay, zonedMidnight } from "@/lib/data/admin/zoned-time";
import { isAppError } from "@/lib/data/errors";
import { parseMessageFilter } from "@/lib/data/message-filter";
import { listMessages } from "@/lib/data/messages";
import { listSenderNumbers } from "@/lib/data/timeline";
import { viewerTimeZone } from "@/lib/data/timezone";

export const metadata: Metadata = { title: "Deliverability" };

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

// Dates from the form's date inputs become instants in the viewer's time zone: Since starts
// that day, Until ends it. The URL then holds instants, which the CSV export reads the same way.
function withInstants(q: FilterQuery, tz: string): FilterQuery {
  const since = DATE_ONLY.test(q.since) ? zonedMidnight(q.since, tz) : null;
  const until = DATE_ONLY.test(q.until) ? zonedMidnight(addDays(q.until, 1), tz) : null;
  return {
    ...q,
    since: since !== null ? new Date(since).toISOString() : q.since,
    until: until !== null ? new Date(until).toISOString() : q.until,
  };
}

function dateInputValue(iso: string, tz: string, end: boolean): string {
  const t = Date.parse(iso);
  if (!iso || Number.isNaN(t)) return "";
  return zonedDay(end ? t - 1 : t, tz);
}

function rangeLinks(q: FilterQuery, tz: string, now: number): DateRangeLink[] {
  const today = zonedDay(now, tz);
  const daysBack = (n: number) => new Date(zonedMidnight(addDays(today, -(n - 1)), tz) ?? now).toISOString();
  const ranges = [
    { label: "Last 24 hours", since: new Date(startOfHour(now) - 23 * HOUR).toISOString() },
    { label: "Last 7 days", since: daysBack(7) },
    { label: "Last 30 days", since: daysBack(30) },
    { label: "Any time", since: "" },
  ];
  return ranges.map((r) => ({
    label: r.label,
    href: filterHref(q, { since: r.since, until: "" }),
    current: q.since === r.since && !q.until,
  }));
}

export default async function DeliverabilityPage({ searchParams }: { searchParams: Promise<RawSearch> }) {
  const actor = await adminPageActor(DELIVERABILITY_PATH);
  if (!actor) return <AdminForbidden />;
  const raw = await searchParams;
  const tz = await viewerTimeZone();
  const query = withInstants(readFilterQuery(raw), tz);
  const canonical = canonicalQuery(query);
  if (canonical !== requestQuery(raw)) redirect(canonical ? `${DELIVERABILITY_PATH}?${canonical}` : DELIVERABILITY_PATH);

  const now = new Date().getTime();
  const header = (
    <AdminPageHeader
      title="Deliverability"
      description="Every text across conversations, filtered by status, error code, sender, date and channel. The whole view is in the address bar, so you can bookmark or share it."
      actions={
        <a href={exportHref(query)} className={buttonClass} data-testid="export-csv" download>
          <Download aria-hidden="true" className="h-4 w-4" />
          Export CSV
        </a>
      }
    />
  );
  const filters = (
    <DeliverabilityFilters
      query={query}
      codes={errorCodeOptions(actor)}
      senders={listSenderNumbers(actor)}
      sinceDate={dateInputValue(query.since, tz, false)}
      untilDate={dateInputValue(query.until, tz, true)}
      ranges={rangeLinks(query, tz, now)}
    />
  );

  let parsed: ReturnType<typeof parseMessageFilter>;
  try {
    parsed = parseMessageFilter(toSearchParams(query));
  } catch (e) {
    if (!isAppError(e)) throw e;
    return (
      <div>
        {header}
        {filters}
        <div role="alert" className="m-6 rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950">
          <p className="font-semibold">This filter can&apos;t be read.</p>
          <p className="mt-1">{e.message}</p>
          <Link prefetch={false} href={DELIVERABILITY_PATH} className={`mt-2 inline-block ${linkClass}`}>Start again with the default filter</Link>
        </div>
      </div>
    );
  }

  const { filter, cursor, limit } = parsed;
  const facets = deliverabilityFacets(actor, filter);
  const series = deliverySeries(actor, filter, { tz, now });
  const page = listMessages(actor, filter, cursor, limit);

  return (
    <div className="pb-10">
      {header}
      {filters}
      <div className="space-y-4 px-6 pt-4">
        <StatusFacets facets={facets} query={query} />
        <div className="grid gap-4 xl:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
          <DeliveryChart series={series} tz={tz} />
          <CodeFacets facets={facets} query={query} />
        </div>
        <section aria-labelledby="texts-title" className="overflow-hidden rounded-lg border border-slate-200 bg-white">
          <div className="flex items-baseline justify-between gap-2 border-b border-slate-100 px-4 py-2">
            <h2 id="texts-title" className="text-sm font-semibold text-slate-800">Texts</h2>
            <p className="text-xs text-slate-600" data-testid="matching-count">
              {formatCount(facets.matching)} {facets.matching === 1 ? "text matches" : "texts match"}
              {cursor ? " · later page" : ""}
            </p>
          </div>
          {page.items.length === 0 ? (
            <div className="px-4 py-8 text-center text-sm text-slate-600" data-testid="empty-state">
              <p className="font-medium text-slate-800">{cursor ? "No more texts on this page." : "No texts match this filter."}</p>
              <p className="mt-1">
                Failed, undelivered and unknown-error texts appear here as soon as a carrier or the provider reports them.
                {hasNarrowing(query) ? " Widen the dates or choose more statuses to see more." : ""}
              </p>
              {hasNarrowing(query) ? (
                <Link prefetch={false} href={DELIVERABILITY_PATH} className={`mt-2 inline-block ${linkClass}`}>Reset the filter</Link>
              ) : null}
            </div>
          ) : (
            <div className="overflow-x-auto">
              <MessageTable items={page.items} tz={tz} />
            </div>
          )}
          <ListPager
            label="Pages of texts"
            noun="texts"
            newestHref={cursor ? filterHref(query) : null}
            olderHref={page.nextCursor ? filterHref(query, { cursor: page.nextCursor }) : null}
          />
        </section>
      </div>
    </div>
  );
}
