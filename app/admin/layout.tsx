import { AppShell } from "@/components/app-shell";
import { forbidden } from "next/navigation";
import { requirePageActor } from "@/lib/data/session";

// Admin pages: a session and the admin role, checked on the server. Each page checks again
// (lib/data/admin/guard.ts), because a layout and its page render in parallel.
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const actor = await requirePageActor("/admin/deliverability");
  if (actor.role !== "admin") forbidden();
  return (
    <AppShell actor={actor}>
      {/* The shell is one screen tall; admin pages scroll inside it. */}
      <div className="h-screen overflow-y-auto">{children}</div>
    </AppShell>
  );
}
