// Send a text in a conversation: 201 with the message.
import { apiRoute, parseId, readJson } from "@/lib/data/api";
import { requireActor } from "@/lib/data/actor";
import { sendMessage } from "@/lib/data/messages";
import { sendMessageBody } from "@/lib/data/schemas";

export const POST = apiRoute<{ params: Promise<{ id: string }> }>(async (req, actor, { params }) => {
  requireActor(actor);
  const id = parseId((await params).id, "conversation");
  const input = await readJson(req, sendMessageBody);
  const message = await sendMessage(actor, id, input);
  return Response.json(message, { status: 201 });
});
