import Link from "next/link";
import type { Actor } from "@/lib/data/actor";
import { signOut } from "@/app/login/actions";
import { NavLink } from "./nav-link";
import { TimezoneCookie } from "./timezone-cookie";
import { viewerTimeZone } from "@/lib/data/timezone";

export async function AppShell({ actor, children }: { actor: Actor; children: React.ReactNode }) {
  const tz = await viewerTimeZone();
  return (
    <div className="flex min-h-screen">
      <nav aria-label="Main" className="sticky top-0 flex h-screen w-48 shrink-0 flex-col overflow-y-auto border-r border-slate-200 bg-slate-100 p-3">
        <Link href="/conversations" className="mb-4 px-3 text-lg font-semibold tracking-tight">SendStatus</Link>
        <ul className="space-y-1">
          <li><NavLink href="/conversations">Inbox</NavLink></li>
          <li><NavLink href="/guidance">Guidance</NavLink></li>
        </ul>
        {actor.role === "admin" ? (
          <>
            <p className="mt-5 mb-1 px-3 text-xs font-semibold uppercase tracking-wide text-slate-500">Admin</p>
            <ul className="space-y-1">
              <li><NavLink href="/admin/deliverability">Deliverability</NavLink></li>
              <li><NavLink href="/admin/numbers">Numbers</NavLink></li>
              <li><NavLink href="/admin/webhooks">Webhooks</NavLink></li>
            </ul>
          </>
        ) : null}
        <div className="mt-auto border-t border-slate-200 px-3 pt-3 text-xs text-slate-600">
          <p className="truncate" title={actor.email}>{actor.email}</p>
          <p className="capitalize">{actor.role}</p>
          <form action={signOut}>
            <button type="submit" className="mt-2 text-blue-700 hover:underline">Sign out</button>
          </form>
        </div>
      </nav>
      <main className="min-w-0 flex-1">{children}</main>
      <TimezoneCookie current={tz} />
    </div>
  );
}
