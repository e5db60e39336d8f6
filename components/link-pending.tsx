"use client";
// Inside a <Link>: a small pulse while the page it opens is on its way. The conversation pages
// have no loading.tsx (a route-level fallback would be held on screen for React's 300 ms reveal
// batching, longer than the page takes), so this is the feedback between a click and the page.
import { useLinkStatus } from "next/link";

export function LinkPending() {
  const { pending } = useLinkStatus();
  return (
    <span
      aria-hidden="true"
      data-testid="link-pending"
      data-pending={pending ? "true" : undefined}
      className={`inline-block h-2 w-2 shrink-0 rounded-full bg-blue-600 transition-opacity ${pending ? "opacity-100 motion-safe:animate-pulse" : "opacity-0"}`}
    />
  );
}
