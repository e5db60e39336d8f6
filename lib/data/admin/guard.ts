import "server-only";
// The admin pages' own role check. Layouts and pages render in parallel, so every admin page
// calls this itself; the layout's check alone would not keep an agent from the page's data.
import type { Actor } from "../actor";
import { requirePageActor } from "../session";

/** The signed-in admin, or null for a signed-in agent (no session: a redirect to sign-in). */
export async function adminPageActor(path: string): Promise<Actor | null> {
  const actor = await requirePageActor(path);
  return actor.role === "admin" ? actor : null;
}
