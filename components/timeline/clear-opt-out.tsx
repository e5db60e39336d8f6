"use client";
import { useTransition } from "react";

export function ClearOptOutButton(p: { conversationId: number; contactId: number; clear: (conversationId: number, contactId: number) => Promise<{ error: string | null }> }) {
  const [pending, start] = useTransition();
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => start(async () => void (await p.clear(p.conversationId, p.contactId)))}
      className="shrink-0 rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-amber-400 hover:bg-amber-100 disabled:opacity-60"
    >
      {pending ? "Clearing…" : "Clear opt-out"}
    </button>
  );
}
