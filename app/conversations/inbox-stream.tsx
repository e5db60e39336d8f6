import { InboxPane } from "@/components/conversation-list";
import type { Actor } from "@/lib/data/actor";
import { listConversations } from "@/lib/data/conversations";
import { yieldToPageShell } from "@/lib/data/stream";

// The inbox list, rendered after the page around it has been sent (place it in <Suspense> with
// <InboxSkeleton />): the inbox page and the side pane of a conversation share it.
export async function StreamedInbox(props: { actor: Actor; failedOnly: boolean; cursor: string | null; tz: string; activeId?: number; limit?: number }) {
  const { actor, failedOnly, cursor, tz, activeId, limit } = props;
  await yieldToPageShell();
  const page = listConversations(actor, { failedOnly, cursor, limit });
  return <InboxPane page={page} failedOnly={failedOnly} activeId={activeId} tz={tz} cursor={cursor} />;
}
