// Admin filter over every text: {items, nextCursor}, newest first.
import { apiRoute } from "@/lib/data/api";
import { requireAdmin } from "@/lib/data/actor";
import { parseMessageFilter } from "@/lib/data/message-filter";
import { listMessages } from "@/lib/data/messages";

export const GET = apiRoute((req, actor) => {
  requireAdmin(actor);
  const { filter, cursor, limit } = parseMessageFilter(new URL(req.url).searchParams);
  return Response.json(listMessages(actor, filter, cursor, limit));
});
