export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="space-y-4 p-6">
      <span className="sr-only">Loading…</span>
      <div className="h-6 w-48 animate-pulse rounded bg-slate-200" />
      <div className="h-24 animate-pulse rounded-lg bg-slate-100" />
      {Array.from({ length: 6 }, (_, i) => (
        <div key={i} className="h-4 w-full animate-pulse rounded bg-slate-100" />
      ))}
    </div>
  );
}
