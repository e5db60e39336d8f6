// The conversation timeline: day separators, inbound left, outbound right with its badge.
import Link from "next/link";
import { CornerDownRight } from "lucide-react";
import { resendText } from "@/app/conversations/[id]/actions";
import type { ConversationView, TimelineMessage } from "@/lib/data/timeline";
import { formatPhone } from "@/lib/data/phone";
import { dayKey, formatClock, formatClockSeconds, formatDay } from "@/lib/format";
import { StatusDetail } from "./status-detail";

interface Props {
  view: ConversationView;
  tz: string;
  now: Date;
}

function noReceipt(m: TimelineMessage, hours: number, now: Date): boolean {
  return m.displayStatus === "sent" && now.getTime() - Date.parse(m.statusChangedAt) > hours * 3_600_000;
}

export function Timeline({ view, tz, now }: Props) {
  const resentAs = new Map<number, number>();
  for (const m of view.messages) if (m.resendOfId) resentAs.set(m.resendOfId, m.id);
  const kindOf = new Map(view.senders.map((s) => [s.phone, s.kind] as const));
  const days = view.messages.map((m) => dayKey(m.createdAt, tz));
  return (
    <ol aria-label="Timeline" className="space-y-3 px-4 py-4 sm:px-6" data-testid="timeline">
      {view.messages.map((m, i) => {
        const separator = i === 0 || days[i] !== days[i - 1];
        const outbound = m.direction === "outbound";
        return (
          <li key={m.id} className="space-y-3">
            {separator ? (
              <div role="separator" aria-label={formatDay(m.createdAt, tz, now)} className="flex items-center gap-3 text-xs text-slate-500">
                <span className="h-px flex-1 bg-slate-200" />
                {formatDay(m.createdAt, tz, now)}
                <span className="h-px flex-1 bg-slate-200" />
              </div>
            ) : null}
            <div data-testid="message" data-message-id={m.id} data-direction={m.direction} className={`flex ${outbound ? "justify-end" : "justify-start"}`}>
              <div className={`max-w-[80%] sm:max-w-md ${outbound ? "items-end" : "items-start"} flex flex-col`}>
                {m.resendOfId ? (
                  <p className="mb-0.5 flex items-center gap-1 text-xs text-slate-500">
                    <CornerDownRight aria-hidden="true" className="h-3 w-3" /> Resend of an earlier text
                  </p>
                ) : null}
                <div
                  className={`rounded-2xl px-4 py-2 text-sm shadow-sm ${outbound ? "rounded-br-md bg-blue-50 text-slate-900 ring-1 ring-blue-100" : "rounded-bl-md bg-white ring-1 ring-slate-200"}`}
                >
                  {m.media.length ? (
                    <div className="mb-1 flex flex-wrap gap-1">
                      {m.media.map((media, i) =>
                        media.url.startsWith("/") || media.url.startsWith("http") ? (
                          <a key={i} href={media.url} target="_blank" rel="noopener noreferrer" className="block">
                            {/* eslint-disable-next-line @next/next/no-img-element -- provider-hosted media of unknown size */}
                            <img src={media.url} alt={`Picture ${i + 1} ${outbound ? "sent" : "received"}`} loading="lazy" className="h-28 w-28 rounded-lg object-cover ring-1 ring-slate-200" />
                          </a>
                        ) : null,
                      )}
                    </div>
                  ) : null}
                  {m.body ? <p className="whitespace-pre-wrap break-words">{m.body}</p> : null}
                </div>
                <div className="mt-1 flex items-center gap-2 text-xs text-slate-500">
                  <time dateTime={m.createdAt}>{formatClock(m.createdAt, tz)}</time>
                  {m.channel === "mms" ? <span>MMS</span> : null}
                  {outbound ? (
                    <StatusDetail
                      messageId={m.id}
                      displayStatus={m.displayStatus}
                      errorCode={m.errorCode}
                      read={m.read}
                      channel={m.channel}
                      fromNumber={m.from}
                      fromDisplay={formatPhone(m.from)}
                      stuck={m.displayStatus === "sending" && now.getTime() - Date.parse(m.createdAt) > 10 * 60_000}
                      fromKind={kindOf.get(m.from) ?? null}
                      segments={m.segments}
                      providerMessageId={m.providerMessageId}
                      noReceipt={noReceipt(m, view.sentHintHours, now)}
                      sentHintHours={view.sentHintHours}
                      resendCanHelp={m.resendCanHelp}
                      resentAs={resentAs.get(m.id) ?? null}
                      history={m.history.map((h) => ({ ...h, iso: h.receivedAt, time: formatClockSeconds(h.receivedAt, tz) }))}
                      resend={resendText}
                    />
                  ) : null}
                </div>
              </div>
            </div>
          </li>
        );
      })}
    </ol>
  );
}

export function OlderLink({ conversationId, olderCursor }: { conversationId: number; olderCursor: number | null }) {
  if (!olderCursor) return null;
  return (
    <div className="pt-3 text-center">
      <Link href={`/conversations/${conversationId}?before=${olderCursor}`} className="text-sm text-blue-700 hover:underline" scroll={false}>
        Show older messages
      </Link>
    </div>
  );
}

// Stands in for the texts while they stream in after the page's frame.
export function TimelineSkeleton() {
  return (
    <div role="status" aria-live="polite" className="space-y-4 px-4 py-4 sm:px-6" data-testid="timeline-loading">
      <span className="sr-only">Loading messages…</span>
      {[["justify-start", "w-2/5"], ["justify-end", "w-1/2"], ["justify-start", "w-1/3"], ["justify-end", "w-2/5"]].map(([side, width], i) => (
        <div key={i} aria-hidden="true" className={`flex ${side}`}>
          <div className={`h-10 ${width} animate-pulse rounded-2xl bg-slate-100`} />
        </div>
      ))}
    </div>
  );
}
