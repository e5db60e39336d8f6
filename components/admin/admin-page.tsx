// The frame of an admin page: a header with the title and its actions, panels, and the page an
// agent gets instead of admin data.
import Link from "next/link";
import { ShieldAlert } from "lucide-react";

export function AdminPageHeader({ title, description, actions }: { title: string; description: React.ReactNode; actions?: React.ReactNode }) {
  return (
    <header className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-200 bg-white px-6 py-4">
      <div className="min-w-0">
        <h1 className="text-lg font-semibold tracking-tight">{title}</h1>
        <p className="mt-0.5 max-w-3xl text-sm text-slate-600">{description}</p>
      </div>
      {actions ? <div className="flex shrink-0 items-center gap-2">{actions}</div> : null}
    </header>
  );
}

export function Panel({ title, titleId, children, aside, className = "" }: { title: string; titleId: string; children: React.ReactNode; aside?: React.ReactNode; className?: string }) {
  return (
    <section aria-labelledby={titleId} className={`rounded-lg border border-slate-200 bg-white ${className}`}>
      <div className="flex items-baseline justify-between gap-2 border-b border-slate-100 px-4 py-2">
        <h2 id={titleId} className="text-sm font-semibold text-slate-800">{title}</h2>
        {aside ? <div className="text-xs text-slate-500">{aside}</div> : null}
      </div>
      {children}
    </section>
  );
}

export const buttonClass =
  "inline-flex items-center gap-1.5 rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50";
export const primaryButtonClass =
  "inline-flex items-center gap-1.5 rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-blue-800";
export const linkClass = "text-blue-700 hover:underline";

const numberFormat = new Intl.NumberFormat("en-US");
const percentFormat = new Intl.NumberFormat("en-US", { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function formatCount(n: number): string {
  return numberFormat.format(n);
}

export function formatRate(rate: number | null): string {
  return rate === null ? "–" : percentFormat.format(rate);
}

/** What an agent sees on an admin page: no admin data, a way back. */
export function AdminForbidden() {
  return (
    <div className="flex min-h-[60vh] items-center justify-center p-6">
      <div role="alert" data-testid="admin-forbidden" className="max-w-md rounded-lg border border-slate-200 bg-white p-6 text-center shadow-sm">
        <ShieldAlert aria-hidden="true" className="mx-auto h-8 w-8 text-slate-500" />
        <h1 className="mt-3 text-lg font-semibold">Only admins can see this page</h1>
        <p className="mt-1 text-sm text-slate-600">
          Your account is an agent account. If you need deliverability reports or sender-number settings, ask an admin of your team.
        </p>
        <Link prefetch={false} href="/conversations" className={`mt-4 ${primaryButtonClass}`}>
          Back to the inbox
        </Link>
      </div>
    </div>
  );
}

/** "← Newest …" and "Older … →" under a keyset-paged list; nothing when the list fits one page. */
export function ListPager({ label, noun, newestHref, olderHref }: { label: string; noun: string; newestHref: string | null; olderHref: string | null }) {
  if (newestHref === null && olderHref === null) return null;
  return (
    <nav aria-label={label} className="flex items-center justify-between border-t border-slate-200 px-4 py-2 text-sm">
      {newestHref !== null ? (
        <Link prefetch={false} href={newestHref} className={linkClass}>
          ← Newest {noun}
        </Link>
      ) : (
        <span />
      )}
      {olderHref !== null ? (
        <Link prefetch={false} href={olderHref} className={linkClass} rel="next">
          Older {noun} →
        </Link>
      ) : (
        <span className="text-slate-500">End of the list</span>
      )}
    </nav>
  );
}
