"use client";
// Inside a <Link>: a small pulse while the page it opens is on its way. The app has no
// loading.tsx: React 19.2 keeps a route-level fallback on screen until 300 ms after it appeared
// (it reveals streamed content in batches), longer than these pages take to arrive, so this is
// the feedback between a click and the page (docs/performance.md).
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
