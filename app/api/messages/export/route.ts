// CSV of every text matching the admin filter, streamed.
import { apiRoute } from "@/lib/data/api";
import { requireAdmin } from "@/lib/data/actor";
import { exportMessagesCsv } from "@/lib/data/export";
import { parseMessageFilter } from "@/lib/data/message-filter";

export const GET = apiRoute((req, actor) => {
  requireAdmin(actor);
  const { filter } = parseMessageFilter(new URL(req.url).searchParams);
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(exportMessagesCsv(actor, filter), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="sendstatus-messages-${stamp}.csv"`,
      "cache-control": "no-store",
    },
  });
});
