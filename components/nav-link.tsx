"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { LinkPending } from "./link-pending";

export function NavLink({ href, children }: { href: string; children: React.ReactNode }) {
  const pathname = usePathname();
  const active = pathname === href || pathname.startsWith(href + "/");
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={`flex items-center justify-between gap-2 rounded-md px-3 py-1.5 text-sm ${active ? "bg-white font-medium text-slate-900 shadow-sm ring-1 ring-slate-200" : "text-slate-700 hover:bg-slate-200"}`}
    >
      <span>{children}</span>
      <LinkPending />
    </Link>
  );
}
