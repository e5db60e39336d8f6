// The deliverability filter: a GET form (next/form, so it also works without JavaScript) whose
// field names are the API's query parameters. The page canonicalises what it submits.
import Form from "next/form";
import Link from "next/link";
import type { ErrorCodeOption } from "@/lib/data/admin/deliverability";
import type { SenderNumberDto } from "@/lib/data/timeline";
import { formatPhone } from "@/lib/data/phone";
import { DISPLAY_STATUSES, DISPLAY_STATUS_LABEL } from "@/lib/status";
import { buttonClass, primaryButtonClass } from "./admin-page";
import { DELIVERABILITY_PATH, filterHref, type FilterQuery } from "./filter-query";

export interface DateRangeLink {
  label: string;
  href: string;
  current: boolean;
}

const fieldClass =
  "rounded-md border-0 bg-white py-1 pr-7 pl-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-blue-600";
const inputClass = "rounded-md border-0 bg-white px-2 py-1 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-blue-600";
const labelClass = "text-xs font-medium text-slate-600";

/** A select for a list parameter; a list of several values (from a shared URL) stays selectable. */
function ListSelect(p: { id: string; name: string; label: string; anyLabel: string; values: string[]; children: React.ReactNode }) {
  const joined = p.values.join(",");
  return (
    <div className="flex flex-col gap-0.5">
      <label htmlFor={p.id} className={labelClass}>{p.label}</label>
      <select id={p.id} name={p.name} defaultValue={joined} className={`${fieldClass} max-w-56`}>
        <option value="">{p.anyLabel}</option>
        {p.values.length > 1 ? <option value={joined}>{`Any of ${p.values.join(", ")}`}</option> : null}
        {p.children}
      </select>
    </div>
  );
}

export function DeliverabilityFilters(p: {
  query: FilterQuery;
  codes: ErrorCodeOption[];
  senders: SenderNumberDto[];
  sinceDate: string;
  untilDate: string;
  ranges: DateRangeLink[];
}) {
  const { query: q } = p;
  const seen = p.codes.filter((c) => c.seen);
  const other = p.codes.filter((c) => !c.seen);
  const single = (values: string[]) => (values.length === 1 ? values[0] : undefined);
  return (
    <Form action={DELIVERABILITY_PATH} aria-label="Filter texts" className="border-b border-slate-200 bg-white px-6 py-3">
      <div className="flex flex-wrap items-end gap-x-4 gap-y-3">
        <fieldset className="flex flex-col gap-0.5">
          <legend className={labelClass}>Status</legend>
          {/* Present even when no box is ticked, so "no status" means every status, not the default. */}
          <input type="hidden" name="displayStatus" value="" />
          <div className="mt-0.5 flex flex-wrap gap-1.5">
            {DISPLAY_STATUSES.map((s) => (
              <label
                key={s}
                className="inline-flex cursor-pointer items-center gap-1.5 rounded-full bg-white px-2.5 py-1 text-xs font-medium text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 has-checked:bg-blue-50 has-checked:text-blue-900 has-checked:ring-blue-300"
              >
                <input type="checkbox" name="displayStatus" value={s} defaultChecked={q.displayStatus.includes(s)} className="h-3.5 w-3.5 accent-blue-700" />
                {DISPLAY_STATUS_LABEL[s]}
              </label>
            ))}
          </div>
        </fieldset>
        <ListSelect id="filter-code" name="errorCode" label="Error code" anyLabel="Any code" values={q.errorCode}>
          {seen.length ? (
            <optgroup label="Seen in your texts">
              {seen.map((c) => (
                <option key={c.code} value={c.code}>{`${c.code} · ${c.title}`}</option>
              ))}
            </optgroup>
          ) : null}
          <optgroup label="Other known codes">
            {other.map((c) => (
              <option key={c.code} value={c.code}>{`${c.code} · ${c.title}`}</option>
            ))}
          </optgroup>
        </ListSelect>
        <ListSelect id="filter-sender" name="from" label="Sender number" anyLabel="Any sender number" values={q.from}>
          {p.senders.map((s) => (
            <option key={s.id} value={s.phone}>{`${s.label} · ${formatPhone(s.phone)}`}</option>
          ))}
        </ListSelect>
        <div className="flex flex-col gap-0.5">
          <label htmlFor="filter-channel" className={labelClass}>Channel</label>
          <select id="filter-channel" name="channel" defaultValue={single(q.channel) ?? (q.channel.length ? q.channel.join(",") : "")} className={fieldClass}>
            <option value="">SMS and MMS</option>
            <option value="sms">SMS only</option>
            <option value="mms">MMS only</option>
          </select>
        </div>
        <div className="flex flex-col gap-0.5">
          <label htmlFor="filter-since" className={labelClass}>Since</label>
          <input id="filter-since" type="date" name="since" defaultValue={p.sinceDate} className={inputClass} aria-describedby="filter-dates-hint" />
        </div>
        <div className="flex flex-col gap-0.5">
          <label htmlFor="filter-until" className={labelClass}>Until</label>
          <input id="filter-until" type="date" name="until" defaultValue={p.untilDate} className={inputClass} aria-describedby="filter-dates-hint" />
        </div>
        {q.to.length ? <input type="hidden" name="to" value={q.to.join(",")} /> : null}
        {q.limit ? <input type="hidden" name="limit" value={q.limit} /> : null}
        <div className="flex items-center gap-2">
          <button type="submit" className={primaryButtonClass}>Apply</button>
          <Link prefetch={false} href={DELIVERABILITY_PATH} className={buttonClass}>Reset</Link>
        </div>
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-600">
        <nav aria-label="Date range" className="flex items-center gap-1">
          {p.ranges.map((r) => (
            <Link
              prefetch={false}
              key={r.label}
              href={r.href}
              aria-current={r.current ? "true" : undefined}
              className={`rounded px-1.5 py-0.5 ${r.current ? "bg-slate-800 text-white" : "text-blue-700 hover:bg-slate-100"}`}
            >
              {r.label}
            </Link>
          ))}
        </nav>
        <span id="filter-dates-hint">Dates are whole days in your time zone; Until includes that day.</span>
        {q.to.length ? (
          <span>
            Only texts to {q.to.map(formatPhone).join(", ")}.{" "}
            <Link prefetch={false} href={filterHref(q, { to: [] })} className="text-blue-700 hover:underline">Show every recipient</Link>
          </span>
        ) : null}
      </div>
    </Form>
  );
}
