"use client";
// Listens to /api/events and re-renders the page's server components when a message it shows
// changes (or, with no conversation, when any does: the inbox).
import { useEffect } from "react";
import { useRouter } from "next/navigation";

export function LiveRefresh({ conversationId }: { conversationId?: number }) {
  const router = useRouter();
  useEffect(() => {
    const source = new EventSource("/api/events");
    let pending: ReturnType<typeof setTimeout> | undefined;
    source.addEventListener("messages", (e) => {
      try {
        const data = JSON.parse((e as MessageEvent<string>).data) as { conversationIds: number[] };
        if (conversationId !== undefined && !data.conversationIds.includes(conversationId)) return;
      } catch {
        return;
      }
      clearTimeout(pending);
      pending = setTimeout(() => router.refresh(), 100);
    });
    return () => {
      clearTimeout(pending);
      source.close();
    };
  }, [conversationId, router]);
  return null;
}
