import Link from "next/link";
import type { ConversationSummary } from "@/lib/data/conversations";
import { formatPhone } from "@/lib/data/phone";
import { StatusBadge } from "./status-badge";

export function ConversationList({ conversations, activeId }: { conversations: ConversationSummary[]; activeId?: number }) {
  if (conversations.length === 0) {
    return <p className="p-4 text-sm text-slate-600">No conversations yet. They appear here when a customer texts you or you start one.</p>;
  }
  return (
    <ul aria-label="Conversations" className="divide-y divide-slate-200">
      {conversations.map((c) => (
        <li key={c.id}>
          <Link
            href={`/conversations/${c.id}`}
            aria-current={c.id === activeId ? "page" : undefined}
            className={`block px-4 py-3 hover:bg-slate-100 ${c.id === activeId ? "bg-blue-50" : ""}`}
          >
            <div className="flex items-baseline justify-between gap-2">
              <span className="truncate font-medium">{c.contactName ?? formatPhone(c.phone)}</span>
              <time className="shrink-0 text-xs text-slate-500" dateTime={c.lastActivityAt}>
                {new Date(c.lastActivityAt).toLocaleString("en-US", { month: "short", day: "numeric", hour: "numeric", minute: "2-digit" })}
              </time>
            </div>
            <p className="truncate text-sm text-slate-600">{c.lastBody ?? ""}</p>
            {c.lastOutboundStatus ? <div className="mt-1"><StatusBadge status={c.lastOutboundStatus} /></div> : null}
          </Link>
        </li>
      ))}
    </ul>
  );
}
