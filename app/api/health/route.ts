// Health: 200 {"ok": true} when the database answers.
import { getDb } from "@/db/client";

export const dynamic = "force-dynamic";

export function GET(): Response {
  try {
    getDb().$client.prepare("SELECT 1").get();
    return Response.json({ ok: true });
  } catch {
    return Response.json({ ok: false, error: "The database does not answer" }, { status: 503 });
  }
}
