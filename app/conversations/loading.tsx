export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="flex h-screen">
      <div className="w-full space-y-3 border-r border-slate-200 bg-white p-4 lg:w-96">
        <span className="sr-only">Loading conversations…</span>
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="space-y-2">
            <div className="h-4 w-1/2 animate-pulse rounded bg-slate-200" />
            <div className="h-3 w-3/4 animate-pulse rounded bg-slate-100" />
          </div>
        ))}
      </div>
    </div>
  );
}
