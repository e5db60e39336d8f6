// Revoke an API token: it stops working at once.
import { apiRoute, parseId } from "@/lib/data/api";
import { revokeApiToken } from "@/lib/data/api-tokens";

export const DELETE = apiRoute<{ params: Promise<{ id: string }> }>(async (_req, actor, { params }) => {
  revokeApiToken(actor, parseId((await params).id, "API token"));
  return new Response(null, { status: 204 });
});
