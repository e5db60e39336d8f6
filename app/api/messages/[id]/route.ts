// One message with its status history.
import { apiRoute, parseId } from "@/lib/data/api";
import { getMessage } from "@/lib/data/messages";

export const GET = apiRoute<{ params: Promise<{ id: string }> }>(async (_req, actor, { params }) => {
  const id = parseId((await params).id, "message");
  return Response.json(getMessage(actor, id));
});
