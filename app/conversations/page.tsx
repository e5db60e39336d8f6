import type { Metadata } from "next";
import { MessagesSquare } from "lucide-react";
import { InboxPane } from "@/components/conversation-list";
import { LiveRefresh } from "@/components/live-refresh";
import { requirePageActor } from "@/lib/data/session";
import { listConversations } from "@/lib/data/conversations";
import { viewerTimeZone } from "@/lib/data/timezone";

export const metadata: Metadata = { title: "Inbox" };

export default async function InboxPage({ searchParams }: { searchParams: Promise<{ failed?: string; cursor?: string }> }) {
  const sp = await searchParams;
  const failedOnly = sp.failed === "1";
  const cursor = typeof sp.cursor === "string" ? sp.cursor : null;
  const page = listConversations(await requirePageActor("/conversations"), { failedOnly, cursor });
  const tz = await viewerTimeZone();
  return (
    <div className="flex h-screen">
      <div className="w-full border-r border-slate-200 bg-white lg:w-96 lg:shrink-0">
        <InboxPane page={page} failedOnly={failedOnly} tz={tz} cursor={cursor} />
      </div>
      <div className="hidden flex-1 items-center justify-center text-sm text-slate-500 lg:flex">
        <div className="text-center">
          <MessagesSquare aria-hidden="true" className="mx-auto mb-2 h-8 w-8 text-slate-400" />
          <p>Choose a conversation to read its texts and their delivery status.</p>
        </div>
      </div>
      <LiveRefresh />
    </div>
  );
}
