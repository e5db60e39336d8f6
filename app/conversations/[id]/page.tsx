import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { StatusBadge } from "@/components/status-badge";
import { currentActor } from "@/lib/data/actor";
import { getConversation } from "@/lib/data/conversations";
import { isAppError } from "@/lib/data/errors";
import { formatPhone } from "@/lib/data/phone";

export const metadata: Metadata = { title: "Conversation" };

export default async function ConversationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^\d{1,12}$/.test(id)) notFound();
  let conv;
  try {
    conv = getConversation(await currentActor(), Number(id));
  } catch (e) {
    if (isAppError(e) && e.code === "not_found") notFound();
    throw e;
  }
  return (
    <div className="flex h-screen flex-col">
      <header className="border-b border-slate-200 bg-white px-6 py-3">
        <h1 className="text-lg font-semibold">{conv.contactName ?? formatPhone(conv.phone)}</h1>
        <p className="text-sm text-slate-600">{formatPhone(conv.phone)}</p>
      </header>
      <ol aria-label="Messages" className="flex-1 space-y-3 overflow-y-auto px-6 py-4">
        {conv.messages.map((m) => (
          <li key={m.id} data-testid="message" data-message-id={m.id} className={`flex ${m.direction === "outbound" ? "justify-end" : "justify-start"}`}>
            <div className={`max-w-md rounded-2xl px-4 py-2 text-sm shadow-sm ${m.direction === "outbound" ? "bg-blue-50" : "bg-white ring-1 ring-slate-200"}`}>
              <p className="whitespace-pre-wrap break-words">{m.body}</p>
              <div className="mt-1 flex items-center justify-end gap-2 text-xs text-slate-500">
                <time dateTime={m.createdAt}>{new Date(m.createdAt).toLocaleTimeString("en-US", { hour: "numeric", minute: "2-digit" })}</time>
                {m.direction === "outbound" ? <StatusBadge status={m.displayStatus} read={m.read} /> : null}
              </div>
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
