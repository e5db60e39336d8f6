// Webhook requests that were rejected (forged, misconfigured or malformed), newest first.
import type { Metadata } from "next";
import { AdminForbidden, AdminPageHeader, ListPager } from "@/components/admin/admin-page";
import { RejectedWebhookTable, WebhookCauses } from "@/components/admin/rejected-webhooks";
import { adminPageActor } from "@/lib/data/admin/guard";
import { listRejectedWebhooks, parseRejectedCursor, rejectedWebhookSummary, webhookEndpoints } from "@/lib/data/admin/webhooks";
import { isAppError } from "@/lib/data/errors";
import { viewerTimeZone } from "@/lib/data/timezone";

export const metadata: Metadata = { title: "Rejected webhooks" };

export default async function WebhooksPage({ searchParams }: { searchParams: Promise<{ before?: string | string[] }> }) {
  const actor = await adminPageActor("/admin/webhooks");
  if (!actor) return <AdminForbidden />;
  const sp = await searchParams;
  const tz = await viewerTimeZone();
  let before: number | null = null;
  let cursorError: string | null = null;
  try {
    before = parseRejectedCursor(typeof sp.before === "string" ? sp.before : null);
  } catch (e) {
    if (!isAppError(e)) throw e;
    cursorError = e.message;
  }
  const page = listRejectedWebhooks(actor, before);
  return (
    <div className="pb-10">
      <AdminPageHeader
        title="Rejected webhooks"
        description="Requests to the Twilio webhook routes that were refused and changed nothing: a bad signature, the wrong content type, an oversized or unreadable body. The newest 10,000 are kept, each with the first 2 KiB of its body."
      />
      <div className="space-y-4 px-6 pt-4">
        <WebhookCauses endpoints={webhookEndpoints(actor)} summary={rejectedWebhookSummary(actor)} />
        {cursorError ? (
          <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">{cursorError}</p>
        ) : null}
        <section aria-labelledby="requests-title" className="overflow-hidden rounded-lg border border-slate-200 bg-white">
          <div className="border-b border-slate-100 px-4 py-2">
            <h2 id="requests-title" className="text-sm font-semibold text-slate-800">Requests</h2>
          </div>
          {page.items.length === 0 ? (
            <p className="px-4 py-8 text-center text-sm text-slate-600" data-testid="empty-state">
              {before !== null
                ? "No older rejected requests."
                : "No webhook request has been rejected. If one ever is (a forged signature, the wrong PUBLIC_BASE_URL, a wrong token), it appears here with its reason."}
            </p>
          ) : (
            <div className="overflow-x-auto">
              <RejectedWebhookTable items={page.items} tz={tz} />
            </div>
          )}
          <ListPager
            label="Pages of requests"
            noun="requests"
            newestHref={before !== null ? "/admin/webhooks" : null}
            olderHref={page.nextCursor ? `/admin/webhooks?before=${page.nextCursor}` : null}
          />
        </section>
      </div>
    </div>
  );
}
