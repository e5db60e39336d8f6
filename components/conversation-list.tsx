import Link from "next/link";
import type { ConversationPage } from "@/lib/data/conversations";
import { formatPhone } from "@/lib/data/phone";
import { formatDateTime, formatShortAgo } from "@/lib/format";
import { LinkPending } from "./link-pending";
import { StatusBadge } from "./status-badge";

export interface InboxPaneProps {
  page: ConversationPage;
  failedOnly: boolean;
  activeId?: number;
  tz: string;
  cursor: string | null;
}

function href(params: { failed?: boolean; cursor?: string | null }, base = "/conversations"): string {
  const sp = new URLSearchParams();
  if (params.failed) sp.set("failed", "1");
  if (params.cursor) sp.set("cursor", params.cursor);
  const q = sp.toString();
  return q ? `${base}?${q}` : base;
}

export function InboxPane({ page, failedOnly, activeId, tz, cursor }: InboxPaneProps) {
  const now = new Date();
  const keep = (id: number) => href({ failed: failedOnly, cursor }, `/conversations/${id}`);
  return (
    <section aria-labelledby="inbox-title" className="flex h-full flex-col">
      <header className="flex items-center justify-between gap-2 border-b border-slate-200 px-4 py-3">
        <h1 id="inbox-title" className="text-base font-semibold">Inbox</h1>
        <Link
          href={href({ failed: !failedOnly })}
          aria-pressed={failedOnly}
          role="button"
          className={`rounded-full px-2.5 py-1 text-xs font-medium ring-1 ring-inset ${failedOnly ? "bg-red-50 text-red-800 ring-red-300" : "text-slate-700 ring-slate-300 hover:bg-slate-100"}`}
        >
          Has failed texts
        </Link>
      </header>
      {page.items.length === 0 ? (
        <div className="p-4 text-sm text-slate-600">
          {failedOnly ? (
            <p>No conversation has a failed text. When a text fails or is undelivered, its conversation shows up here.</p>
          ) : (
            <p>No conversations yet. They appear here when a customer texts one of your numbers, or when you start one through the API.</p>
          )}
        </div>
      ) : (
        <ul aria-label="Conversations" className="flex-1 divide-y divide-slate-200 overflow-y-auto" data-testid="conversation-list">
          {page.items.map((c) => (
            <li key={c.id}>
              <Link
                href={keep(c.id)}
                aria-current={c.id === activeId ? "page" : undefined}
                className={`block px-4 py-3 hover:bg-slate-100 ${c.id === activeId ? "bg-blue-50" : ""}`}
                data-testid="conversation-item"
              >
                <div className="flex items-baseline justify-between gap-2">
                  <span className="flex min-w-0 items-center gap-1.5">
                    <span className="truncate font-medium">{c.contactName ?? formatPhone(c.phone)}</span>
                    <LinkPending />
                  </span>
                  <time className="shrink-0 text-xs text-slate-500" dateTime={c.lastActivityAt} title={formatDateTime(c.lastActivityAt, tz)}>
                    {formatShortAgo(c.lastActivityAt, tz, now)}
                  </time>
                </div>
                {c.contactName ? <p className="text-xs text-slate-500">{formatPhone(c.phone)}</p> : null}
                <p className="mt-0.5 truncate text-sm text-slate-600">
                  {c.lastDirection === "outbound" ? <span className="text-slate-400">You: </span> : null}
                  {c.lastBody ?? ""}
                </p>
                {c.lastOutboundStatus ? (
                  <div className="mt-1">
                    <StatusBadge status={c.lastOutboundStatus} />
                  </div>
                ) : null}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {cursor || page.nextCursor ? (
        <nav aria-label="Inbox pages" className="flex justify-between border-t border-slate-200 px-4 py-2 text-sm">
          {cursor ? <Link href={href({ failed: failedOnly })} className="text-blue-700 hover:underline">← Newest</Link> : <span />}
          {page.nextCursor ? (
            <Link href={href({ failed: failedOnly, cursor: page.nextCursor })} className="text-blue-700 hover:underline">Older →</Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}

// Stands in for the inbox list while it streams in after the page around it.
export function InboxSkeleton() {
  return (
    <div role="status" aria-live="polite" className="space-y-3 p-4" data-testid="inbox-loading">
      <span className="sr-only">Loading conversations…</span>
      {Array.from({ length: 6 }, (_, i) => (
        <div key={i} aria-hidden="true" className="space-y-2">
          <div className="h-4 w-1/2 animate-pulse rounded bg-slate-200" />
          <div className="h-3 w-3/4 animate-pulse rounded bg-slate-100" />
        </div>
      ))}
    </div>
  );
}
