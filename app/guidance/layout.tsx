import { AppShell } from "@/components/app-shell";
import { requirePageActor } from "@/lib/data/session";

// Guidance is for every signed-in user, agents and admins alike.
export default async function GuidanceLayout({ children }: { children: React.ReactNode }) {
  const actor = await requirePageActor("/guidance");
  return <AppShell actor={actor}>{children}</AppShell>;
}
