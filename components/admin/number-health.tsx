// Sender numbers for admins: kind, registration state (editable), the last 7 days of texts, and
// a flag when a number behaves as if it were not registered.
import Link from "next/link";
import { TriangleAlert } from "lucide-react";
import type { NumberFlag, SenderNumberHealth } from "@/lib/data/admin/numbers";
import { formatPhone } from "@/lib/data/phone";
import { topicGuidanceHref } from "@/lib/errors/catalog";
import { formatCount, formatRate } from "./admin-page";
import { RegistrationForm, type RegistrationFormState } from "./registration-form";

const KIND_LABEL: Record<SenderNumberHealth["kind"], string> = {
  long_code: "10DLC long code",
  toll_free: "Toll-free",
  short_code: "Short code",
};

const A2P_OPTIONS = [
  { value: "unregistered", label: "Unregistered" },
  { value: "pending", label: "Pending review" },
  { value: "registered", label: "Registered" },
  { value: "failed", label: "Registration failed" },
] as const;

const TFV_OPTIONS = [
  { value: "unverified", label: "Unverified" },
  { value: "pending", label: "Pending review" },
  { value: "verified", label: "Verified" },
  { value: "rejected", label: "Rejected" },
] as const;

export function flagMessage(n: SenderNumberHealth, flag: NumberFlag): string {
  const tollFree = flag.guidance === "toll-free";
  if (flag.kind === "fails_as_unregistered") {
    return `Texts fail as if this number were ${tollFree ? "unverified" : "unregistered"}: ${formatCount(n.registrationFailures)} registration-related ${
      n.registrationFailures === 1 ? "failure" : "failures"
    } in the last 7 days, although it is marked ${tollFree ? "verified" : "registered"}. Check its ${tollFree ? "verification" : "brand and campaign"} with the provider.`;
  }
  return `This number is sending but is not ${tollFree ? "toll-free verified" : "registered for A2P 10DLC"}: ${formatCount(n.sent)} ${
    n.sent === 1 ? "text" : "texts"
  } in the last 7 days, which carriers may block or filter.`;
}

function guideLabel(flag: NumberFlag): string {
  return flag.guidance === "toll-free" ? "Read the toll-free verification guide" : "Read the A2P 10DLC registration guide";
}

export function NumberFlagBanners({ numbers }: { numbers: SenderNumberHealth[] }) {
  const flagged = numbers.filter((n) => n.flag);
  if (!flagged.length) return null;
  return (
    <section aria-labelledby="flags-title" className="space-y-2">
      <h2 id="flags-title" className="sr-only">Numbers that need attention</h2>
      {flagged.map((n) => (
        <div
          key={n.id}
          role="status"
          data-testid="number-flag"
          data-phone={n.phone}
          data-flag={n.flag!.kind}
          className="flex items-start gap-3 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950"
        >
          <TriangleAlert aria-hidden="true" className="mt-0.5 h-4 w-4 shrink-0 text-amber-700" />
          <div className="min-w-0 flex-1">
            <p className="font-semibold">
              {n.label} · {formatPhone(n.phone)}
            </p>
            <p className="mt-0.5">{flagMessage(n, n.flag!)}</p>
          </div>
          <Link prefetch={false} href={topicGuidanceHref(n.flag!.guidance)} className="shrink-0 font-medium text-blue-800 underline decoration-blue-300 underline-offset-2 hover:decoration-blue-800">
            {guideLabel(n.flag!)}
          </Link>
        </div>
      ))}
    </section>
  );
}

const th = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500";
const thNum = "px-3 py-2 text-right text-xs font-semibold uppercase tracking-wide text-slate-500";
const td = "px-3 py-2.5 align-top";

export function NumberTable(p: {
  numbers: SenderNumberHealth[];
  failuresHref: (n: SenderNumberHealth) => string;
  sentHref: (n: SenderNumberHealth) => string;
  save: (prev: RegistrationFormState, form: FormData) => Promise<RegistrationFormState>;
}) {
  return (
    <table className="w-full border-collapse text-sm" data-testid="number-table">
      <caption className="sr-only">Sender numbers with their registration state and the last 7 days of texts</caption>
      <thead className="border-b border-slate-200 bg-slate-50">
        <tr>
          <th scope="col" className={th}>Number</th>
          <th scope="col" className={th}>Kind</th>
          <th scope="col" className={th}>Registration</th>
          <th scope="col" className={thNum}>Sent, 7 days</th>
          <th scope="col" className={thNum}>Delivery rate</th>
          <th scope="col" className={thNum}>Registration failures</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {p.numbers.map((n) => (
          <tr key={n.id} data-testid="number-row" data-phone={n.phone} className={n.flag ? "bg-amber-50/40" : undefined}>
            <th scope="row" className={`${td} text-left font-normal`}>
              <span className="flex items-center gap-1.5 font-medium text-slate-900">
                {n.flag ? (
                  <TriangleAlert aria-label="Needs attention" role="img" className="h-4 w-4 shrink-0 text-amber-600" />
                ) : null}
                {n.label}
                {n.isDefault ? <span className="rounded bg-slate-100 px-1.5 text-[10px] font-semibold uppercase tracking-wide text-slate-600">Default</span> : null}
              </span>
              <span className="block text-xs text-slate-600 tabular-nums">{formatPhone(n.phone)}</span>
            </th>
            <td className={`${td} text-slate-700`}>{KIND_LABEL[n.kind]}</td>
            <td className={td}>
              {n.kind === "long_code" ? (
                <>
                  <span className="mb-1 block text-xs text-slate-500">A2P 10DLC brand and campaign</span>
                  <RegistrationForm id={n.id} numberLabel={n.label} fieldLabel="A2P 10DLC state" current={n.a2pState} options={A2P_OPTIONS} save={p.save} />
                </>
              ) : n.kind === "toll_free" ? (
                <>
                  <span className="mb-1 block text-xs text-slate-500">Toll-free verification</span>
                  <RegistrationForm id={n.id} numberLabel={n.label} fieldLabel="Toll-free verification state" current={n.tfvState} options={TFV_OPTIONS} save={p.save} />
                </>
              ) : (
                <span className="text-xs text-slate-600">Approved by the carriers; nothing to register here.</span>
              )}
            </td>
            <td className={`${td} text-right tabular-nums`}>
              {n.sent > 0 ? (
                <Link prefetch={false} href={p.sentHref(n)} className="text-blue-800 hover:underline" data-testid="sent-count">{formatCount(n.sent)}</Link>
              ) : (
                <span data-testid="sent-count" className="text-slate-500">0</span>
              )}
            </td>
            <td className={`${td} text-right tabular-nums`} data-testid="delivery-rate">
              <span className={n.deliveryRate !== null && n.deliveryRate < 0.9 ? "font-semibold text-red-700" : "text-slate-800"}>{formatRate(n.deliveryRate)}</span>
              {n.pending > 0 ? <span className="block text-xs text-slate-500">{formatCount(n.pending)} awaiting receipt</span> : null}
            </td>
            <td className={`${td} text-right tabular-nums`} data-testid="registration-failures">
              {n.registrationFailures > 0 ? (
                <>
                  <Link prefetch={false} href={p.failuresHref(n)} className="font-semibold text-red-700 hover:underline">{formatCount(n.registrationFailures)}</Link>
                  <span className="block text-xs text-slate-500">{n.registrationFailureCodes.map((c) => `${c.code} ×${c.count}`).join(", ")}</span>
                </>
              ) : (
                <span className="text-slate-500">0</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
