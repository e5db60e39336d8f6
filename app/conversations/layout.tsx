import { AppShell } from "@/components/app-shell";
import { requirePageActor } from "@/lib/data/session";

export default async function ConversationsLayout({ children }: { children: React.ReactNode }) {
  const actor = await requirePageActor("/conversations");
  return <AppShell actor={actor}>{children}</AppShell>;
}
