"use client";

export default function AdminError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div role="alert" className="m-6 rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-900">
      <p className="font-semibold">This page could not be loaded.</p>
      <p className="mt-1">It may be a passing problem with the server. Try again; if it keeps happening, check the server log.</p>
      <button type="button" onClick={reset} className="mt-3 rounded-md bg-red-700 px-3 py-1 font-semibold text-white hover:bg-red-800">Try again</button>
    </div>
  );
}
