import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowLeft } from "lucide-react";
import { InboxPane } from "@/components/conversation-list";
import { LiveRefresh } from "@/components/live-refresh";
import { Composer } from "@/components/timeline/composer";
import { ContactPanel, describeNumber, ReachabilityBanner } from "@/components/timeline/contact-panel";
import { ClearOptOutButton } from "@/components/timeline/clear-opt-out";
import { OlderLink, Timeline } from "@/components/timeline/timeline";
import { requirePageActor } from "@/lib/data/session";
import { reachabilityWarning } from "@/lib/data/contacts";
import { listConversations } from "@/lib/data/conversations";
import { isAppError } from "@/lib/data/errors";
import { formatPhone } from "@/lib/data/phone";
import { getConversationView, type ConversationView, type SenderNumberDto } from "@/lib/data/timeline";
import { viewerTimeZone } from "@/lib/data/timezone";
import { clearContactOptOut, sendText } from "./actions";

export const metadata: Metadata = { title: "Conversation" };

type Search = { failed?: string; cursor?: string; before?: string };

function blockedReason(s: SenderNumberDto): string | null {
  if (!s.likelyBlocked) return null;
  return s.kind === "toll_free"
    ? `${s.label} (${formatPhone(s.phone)}) has not finished toll-free verification, so carriers block its texts (error 30032).`
    : `${s.label} (${formatPhone(s.phone)}) is not registered for A2P 10DLC, so carriers block its texts to US numbers (error 30034).`;
}

export default async function ConversationPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Search> }) {
  const { id } = await params;
  const sp = await searchParams;
  if (!/^\d{1,12}$/.test(id)) notFound();
  const before = sp.before && /^\d{1,12}$/.test(sp.before) ? Number(sp.before) : null;
  const actor = await requirePageActor(`/conversations/${id}`);
  let view: ConversationView;
  try {
    view = getConversationView(actor, Number(id), before);
  } catch (e) {
    if (isAppError(e) && e.code === "not_found") notFound();
    throw e;
  }
  const failedOnly = sp.failed === "1";
  const cursor = typeof sp.cursor === "string" ? sp.cursor : null;
  // The side list is secondary here: fewer rows keep the page light (the inbox page shows 50).
  const inbox = listConversations(actor, { failedOnly, cursor, limit: 30 });
  const tz = await viewerTimeZone();
  const now = new Date();
  const warning = reachabilityWarning(view);
  const title = view.contactName ?? formatPhone(view.phone);
  return (
    <div className="flex h-screen">
      <div className="hidden w-96 shrink-0 border-r border-slate-200 bg-white lg:block">
        <InboxPane page={inbox} failedOnly={failedOnly} activeId={view.id} tz={tz} cursor={cursor} />
      </div>
      <section aria-labelledby="conversation-title" className="flex min-w-0 flex-1 flex-col">
        <header className="flex items-center gap-3 border-b border-slate-200 bg-white px-4 py-3 sm:px-6">
          <Link href="/conversations" className="rounded p-1 text-slate-600 hover:bg-slate-100 lg:hidden" aria-label="Back to the inbox">
            <ArrowLeft aria-hidden="true" className="h-5 w-5" />
          </Link>
          <div className="min-w-0">
            <h2 id="conversation-title" className="truncate text-base font-semibold">{title}</h2>
            <p className="text-xs text-slate-600">
              {formatPhone(view.phone)} {describeNumber(view.phone) ? `· ${describeNumber(view.phone)}` : ""}
            </p>
          </div>
        </header>
        <ReachabilityBanner warning={warning}>
          {view.optedOut && actor?.role === "admin" ? (
            <ClearOptOutButton conversationId={view.id} contactId={view.contactId} clear={clearContactOptOut} />
          ) : null}
        </ReachabilityBanner>
        <div className="flex flex-1 flex-col-reverse overflow-y-auto" data-testid="timeline-scroller">
          <div>
            <OlderLink conversationId={view.id} olderCursor={view.olderCursor} />
            {before ? (
              <p className="pt-2 text-center text-sm">
                <Link href={`/conversations/${view.id}`} className="text-blue-700 hover:underline">Back to the newest messages</Link>
              </p>
            ) : null}
            {view.messages.length ? (
              <Timeline view={view} tz={tz} now={now} />
            ) : (
              <p className="px-6 py-10 text-center text-sm text-slate-500">No texts yet. Write the first one below.</p>
            )}
          </div>
        </div>
        <Composer
          conversationId={view.id}
          senders={view.senders
            .filter((s) => s.kind !== "short_code")
            .map((s) => ({ phone: s.phone, label: s.label, display: formatPhone(s.phone), likelyBlocked: s.likelyBlocked, blockedReason: blockedReason(s) }))}
          contactWarning={warning}
          send={sendText}
        />
      </section>
      <ContactPanel name={view.contactName} phone={view.phone} warning={warning} />
      <LiveRefresh />
    </div>
  );
}
