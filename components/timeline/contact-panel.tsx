import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { TriangleAlert } from "lucide-react";
import { formatPhone } from "@/lib/data/phone";

const TYPE_LABEL: Record<string, string> = {
  MOBILE: "Mobile",
  FIXED_LINE: "Landline",
  FIXED_LINE_OR_MOBILE: "Mobile or landline",
  TOLL_FREE: "Toll-free",
  VOIP: "VoIP",
};

const described = new Map<string, string>();

export function describeNumber(phone: string): string {
  let d = described.get(phone);
  if (d === undefined) {
    const p = parsePhoneNumberFromString(phone);
    const type = p?.getType();
    d = p ? [type ? TYPE_LABEL[type] : null, p.country].filter(Boolean).join(", ") : "";
    if (described.size > 10_000) described.clear();
    described.set(phone, d);
  }
  return d;
}

export function ReachabilityBanner({ warning, children }: { warning: string | null; children?: React.ReactNode }) {
  if (!warning) return null;
  return (
    <div role="status" data-testid="reachability-banner" className="flex items-start gap-2 border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-950 sm:px-6">
      <TriangleAlert aria-hidden="true" className="mt-0.5 h-4 w-4 shrink-0" />
      <div className="flex-1">{warning}</div>
      {children}
    </div>
  );
}

export function ContactPanel({ name, phone, warning }: { name: string | null; phone: string; warning: string | null }) {
  return (
    <aside aria-label="Contact" className="hidden w-64 shrink-0 border-l border-slate-200 bg-white p-4 text-sm xl:block">
      <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Contact</h2>
      <p className="mt-2 font-medium">{name ?? "Unnamed contact"}</p>
      <p className="text-slate-700">{formatPhone(phone)}</p>
      <p className="text-xs text-slate-500">{describeNumber(phone)}</p>
      {warning ? <p className="mt-3 rounded-md bg-amber-50 px-2 py-1.5 text-amber-950 ring-1 ring-amber-200">{warning}</p> : null}
    </aside>
  );
}
