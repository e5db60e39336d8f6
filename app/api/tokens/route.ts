// API tokens of the caller (all tokens for an admin); POST creates one and shows it once.
import { z } from "zod";
import { apiRoute, readJson } from "@/lib/data/api";
import { createApiToken, listApiTokens } from "@/lib/data/api-tokens";

const body = z.object({ name: z.string({ error: "name is required" }).trim().min(1, "name is required").max(80) });

export const GET = apiRoute((_req, actor) => Response.json({ items: listApiTokens(actor) }));

export const POST = apiRoute(async (req, actor) => {
  const { name } = await readJson(req, body);
  return Response.json(createApiToken(actor, name), { status: 201 });
});
