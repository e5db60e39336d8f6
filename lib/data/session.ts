import "server-only";
import { redirect } from "next/navigation";
import { headers } from "next/headers";
import { currentActor, type Actor } from "./actor";

// For pages: the signed-in user, or a redirect to the sign-in page that comes back here.
export async function requirePageActor(path: string): Promise<Actor> {
  await headers();
  const actor = await currentActor();
  if (!actor) redirect(`/login?next=${encodeURIComponent(path)}`);
  return actor;
}
