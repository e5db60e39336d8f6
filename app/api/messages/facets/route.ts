// Admin: counts per display status and per error code for a filter (the same parameters as
// GET /api/messages), the numbers the deliverability page shows.
import { apiRoute } from "@/lib/data/api";
import { requireAdmin } from "@/lib/data/actor";
import { deliverabilityFacets } from "@/lib/data/admin/deliverability";
import { parseMessageFilter } from "@/lib/data/message-filter";

export const GET = apiRoute((req, actor) => {
  requireAdmin(actor);
  const { filter } = parseMessageFilter(new URL(req.url).searchParams);
  return Response.json(deliverabilityFacets(actor, filter));
});
