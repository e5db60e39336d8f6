// Sender numbers: kind, registration state (editable), 7-day delivery and registration failures,
// and a banner for each number that looks unregistered.
import type { Metadata } from "next";
import Link from "next/link";
import { AdminForbidden, AdminPageHeader, linkClass } from "@/components/admin/admin-page";
import { filterHref, readFilterQuery } from "@/components/admin/filter-query";
import { NumberFlagBanners, NumberTable } from "@/components/admin/number-health";
import { adminPageActor } from "@/lib/data/admin/guard";
import { REGISTRATION_FAILURE_CODES, senderNumberHealth, type SenderNumberHealth } from "@/lib/data/admin/numbers";
import { saveRegistrationState } from "./actions";

export const metadata: Metadata = { title: "Sender numbers" };

export default async function NumbersPage() {
  const actor = await adminPageActor("/admin/numbers");
  if (!actor) return <AdminForbidden />;
  const report = senderNumberHealth(actor);
  const base = readFilterQuery({ displayStatus: "" });
  const sentHref = (n: SenderNumberHealth) => filterHref(base, { from: [n.phone], since: report.since, displayStatus: [] });
  const failuresHref = (n: SenderNumberHealth) =>
    filterHref(base, { from: [n.phone], since: report.since, errorCode: [...REGISTRATION_FAILURE_CODES], displayStatus: [] });
  return (
    <div className="pb-10">
      <AdminPageHeader
        title="Sender numbers"
        description="The team's numbers, their registration with the carriers, and how their texts fared over the last 7 days. Unregistered 10DLC numbers and unverified toll-free numbers get their texts blocked or filtered."
      />
      <div className="space-y-4 px-6 pt-4">
        <NumberFlagBanners numbers={report.numbers} />
        <section aria-labelledby="numbers-title" className="overflow-hidden rounded-lg border border-slate-200 bg-white">
          <div className="flex items-baseline justify-between gap-2 border-b border-slate-100 px-4 py-2">
            <h2 id="numbers-title" className="text-sm font-semibold text-slate-800">Numbers</h2>
            <p className="text-xs text-slate-600">
              Registration failures count {REGISTRATION_FAILURE_CODES.join(", ")}. Delivery rate is delivered out of texts with a final outcome.
            </p>
          </div>
          {report.numbers.length === 0 ? (
            <p className="px-4 py-8 text-center text-sm text-slate-600">
              The team has no sender numbers yet. Numbers appear here once they are added to the database (the demo seed adds six).
            </p>
          ) : (
            <div className="overflow-x-auto">
              <NumberTable numbers={report.numbers} sentHref={sentHref} failuresHref={failuresHref} save={saveRegistrationState} />
            </div>
          )}
        </section>
        <p className="text-xs text-slate-600">
          Changing a state here records what the provider told you; it does not register anything. See the{" "}
          <Link prefetch={false} href="/guidance/a2p-10dlc" className={linkClass}>A2P 10DLC guide</Link> and the{" "}
          <Link prefetch={false} href="/guidance/toll-free" className={linkClass}>toll-free verification guide</Link> for the steps.
        </p>
      </div>
    </div>
  );
}
