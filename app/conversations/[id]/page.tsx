import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { notFound } from "next/navigation";
import { ArrowLeft } from "lucide-react";
import { HoldFirstPaint, pageLoad, StreamedPart } from "@/components/after-frame";
import { InboxPane, InboxSkeleton } from "@/components/conversation-list";
import { LiveRefresh } from "@/components/live-refresh";
import { Composer } from "@/components/timeline/composer";
import { ContactPanel, describeNumber, ReachabilityBanner } from "@/components/timeline/contact-panel";
import { ClearOptOutButton } from "@/components/timeline/clear-opt-out";
import { OlderLink, Timeline, TimelineSkeleton } from "@/components/timeline/timeline";
import type { Actor } from "@/lib/data/actor";
import { requirePageActor } from "@/lib/data/session";
import { reachabilityWarning } from "@/lib/data/contacts";
import { listConversations } from "@/lib/data/conversations";
import { isAppError } from "@/lib/data/errors";
import { formatPhone } from "@/lib/data/phone";
import { getConversationHead, getTimelineWindow, type ConversationHead, type SenderNumberDto } from "@/lib/data/timeline";
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
  // Who the conversation is with is read before anything is sent, so a missing one is a 404.
  let head: ConversationHead;
  try {
    head = getConversationHead(actor, Number(id));
  } catch (e) {
    if (isAppError(e) && e.code === "not_found") notFound();
    throw e;
  }
  const failedOnly = sp.failed === "1";
  const cursor = typeof sp.cursor === "string" ? sp.cursor : null;
  const tz = await viewerTimeZone();
  // A document load gets the frame first and the texts and side inbox after: components/after-frame.tsx.
  const { stream, nonce } = await pageLoad();
  const warning = reachabilityWarning(head);
  const title = head.contactName ?? formatPhone(head.phone);
  return (
    <div className="flex h-screen">
      {stream ? <HoldFirstPaint /> : null}
      <div className="hidden w-96 shrink-0 border-r border-slate-200 bg-white lg:block">
        <Suspense fallback={<InboxSkeleton />}>
          {/* The side list is secondary here: fewer rows keep the page light (the inbox page shows 50). */}
          <StreamedPart stream={stream} nonce={nonce}>
            <SideInbox actor={actor} failedOnly={failedOnly} cursor={cursor} tz={tz} activeId={head.id} />
          </StreamedPart>
        </Suspense>
      </div>
      <section aria-labelledby="conversation-title" className="flex min-w-0 flex-1 flex-col">
        <header className="flex items-center gap-3 border-b border-slate-200 bg-white px-4 py-3 sm:px-6">
          <Link href="/conversations" className="rounded p-1 text-slate-600 hover:bg-slate-100 lg:hidden" aria-label="Back to the inbox">
            <ArrowLeft aria-hidden="true" className="h-5 w-5" />
          </Link>
          <div className="min-w-0">
            <h2 id="conversation-title" className="truncate text-base font-semibold">{title}</h2>
            <p className="text-xs text-slate-600">
              {formatPhone(head.phone)} {describeNumber(head.phone) ? `· ${describeNumber(head.phone)}` : ""}
            </p>
          </div>
        </header>
        <ReachabilityBanner warning={warning}>
          {head.optedOut && actor?.role === "admin" ? (
            <ClearOptOutButton conversationId={head.id} contactId={head.contactId} clear={clearContactOptOut} />
          ) : null}
        </ReachabilityBanner>
        <div className="flex flex-1 flex-col-reverse overflow-y-auto" data-testid="timeline-scroller">
          <Suspense fallback={<TimelineSkeleton />}>
            <StreamedPart stream={stream} nonce={nonce}>
              <ConversationTimeline actor={actor} head={head} before={before} tz={tz} />
            </StreamedPart>
          </Suspense>
        </div>
        <Composer
          conversationId={head.id}
          senders={head.senders
            .filter((s) => s.kind !== "short_code")
            .map((s) => ({ phone: s.phone, label: s.label, display: formatPhone(s.phone), likelyBlocked: s.likelyBlocked, blockedReason: blockedReason(s) }))}
          contactWarning={warning}
          send={sendText}
        />
      </section>
      <ContactPanel name={head.contactName} phone={head.phone} warning={warning} />
      <LiveRefresh />
    </div>
  );
}

type TimelineProps = { actor: Actor; head: ConversationHead; before: number | null; tz: string };

function ConversationTimeline({ actor, head, before, tz }: TimelineProps) {
  const shown = getTimelineWindow(actor, head.id, before);
  return (
    <div>
      <OlderLink conversationId={head.id} olderCursor={shown.olderCursor} />
      {before ? (
        <p className="pt-2 text-center text-sm">
          <Link href={`/conversations/${head.id}`} className="text-blue-700 hover:underline">Back to the newest messages</Link>
        </p>
      ) : null}
      {shown.messages.length ? (
        <Timeline view={{ ...head, ...shown }} tz={tz} now={new Date()} />
      ) : (
        <p className="px-6 py-10 text-center text-sm text-slate-500">No texts yet. Write the first one below.</p>
      )}
    </div>
  );
}

type SideInboxProps = { actor: Actor; failedOnly: boolean; cursor: string | null; tz: string; activeId: number };

function SideInbox({ actor, failedOnly, cursor, tz, activeId }: SideInboxProps) {
  const page = listConversations(actor, { failedOnly, cursor, limit: 30 });
  return <InboxPane page={page} failedOnly={failedOnly} activeId={activeId} tz={tz} cursor={cursor} />;
}
