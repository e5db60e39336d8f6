// Find or create a conversation by phone: 201 {id} when created, 200 {id} when it existed.
import { apiRoute, readJson } from "@/lib/data/api";
import { findOrCreateConversation } from "@/lib/data/conversations";
import { requireActor } from "@/lib/data/actor";
import { createConversationBody } from "@/lib/data/schemas";

export const POST = apiRoute(async (req, actor) => {
  requireActor(actor);
  const input = await readJson(req, createConversationBody);
  const conv = findOrCreateConversation(actor, input);
  return Response.json({ id: conv.id }, { status: conv.created ? 201 : 200 });
});
