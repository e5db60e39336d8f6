import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "No such conversation" };

// Answered with HTTP 404 for a conversation id that does not exist (or is not an id at all).
export default function ConversationNotFound() {
  return (
    <div className="flex h-screen items-center justify-center p-6">
      <div role="alert" data-testid="conversation-not-found" className="max-w-md rounded-lg border border-slate-200 bg-white p-6 text-center shadow-sm">
        <h2 className="text-base font-semibold">This conversation does not exist</h2>
        <p className="mt-2 text-sm text-slate-600">The link may be mistyped, or it points to a conversation from another SendStatus installation.</p>
        <Link href="/conversations" className="mt-4 inline-block rounded-md bg-blue-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-blue-800">
          Back to the inbox
        </Link>
      </div>
    </div>
  );
}
