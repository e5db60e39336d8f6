import "server-only";
// The admin pages' own role check. Layouts and pages render in parallel, so every admin page
// calls this itself; the layout's check alone would not keep an agent from the page's data.
import { forbidden } from "next/navigation";
import type { Actor } from "../actor";
import { requirePageActor } from "../session";

/** The signed-in admin; a signed-in agent gets the 403 page, no session a redirect to sign-in. */
export async function adminPageActor(path: string): Promise<Actor> {
  const actor = await requirePageActor(path);
  if (actor.role !== "admin") forbidden();
  return actor;
}
