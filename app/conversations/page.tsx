import type { Metadata } from "next";
import Link from "next/link";
import { ConversationList } from "@/components/conversation-list";
import { listConversations } from "@/lib/data/conversations";
import { currentActor } from "@/lib/data/actor";

export const metadata: Metadata = { title: "Inbox" };

export default async function InboxPage({ searchParams }: { searchParams: Promise<{ failed?: string }> }) {
  const { failed } = await searchParams;
  const failedOnly = failed === "1";
  const conversations = listConversations(await currentActor(), { failedOnly });
  return (
    <div className="mx-auto max-w-2xl">
      <header className="flex items-center justify-between border-b border-slate-200 px-4 py-3">
        <h1 className="text-lg font-semibold">Inbox</h1>
        <Link href={failedOnly ? "/conversations" : "/conversations?failed=1"} className="text-sm text-blue-700 hover:underline" aria-pressed={failedOnly}>
          {failedOnly ? "Show all conversations" : "Only conversations with failed texts"}
        </Link>
      </header>
      <ConversationList conversations={conversations} />
    </div>
  );
}
