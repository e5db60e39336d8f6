// Typography for the guidance pages. No typography plugin is installed, so headings, lists
// and callouts are styled here once and reused.
import Link from "next/link";
import { ArrowLeft, CircleHelp, Info, TriangleAlert, type LucideIcon } from "lucide-react";

export const linkClass =
  "font-medium text-blue-700 underline decoration-blue-300 underline-offset-2 hover:text-blue-900 hover:decoration-blue-700";

/** A readable column (about 70 characters per line) for a guidance page. */
export function GuidanceArticle({ children, wide = false }: { children: React.ReactNode; wide?: boolean }) {
  return (
    <article
      className={`mx-auto px-6 py-8 text-[15px] leading-relaxed text-slate-800 ${wide ? "max-w-5xl" : "max-w-[70ch]"}`}
    >
      {children}
    </article>
  );
}

export function Breadcrumb() {
  return (
    <nav aria-label="Breadcrumb" className="mb-6 text-sm">
      <Link href="/guidance" className={`inline-flex items-center gap-1 ${linkClass}`}>
        <ArrowLeft aria-hidden="true" className="h-4 w-4" />
        Back to guidance
      </Link>
    </nav>
  );
}

export function PageTitle({ eyebrow, children, lead }: { eyebrow?: React.ReactNode; children: React.ReactNode; lead?: React.ReactNode }) {
  return (
    <header className="mb-8">
      {eyebrow ? <p className="mb-1 text-sm font-medium text-slate-600">{eyebrow}</p> : null}
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{children}</h1>
      {lead ? <p className="mt-3 text-base text-slate-700">{lead}</p> : null}
    </header>
  );
}

/** A main section; the heading carries the id so the app can deep-link to it. */
export function Section({ id, title, children }: { id: string; title: React.ReactNode; children: React.ReactNode }) {
  return (
    <section className="mt-10 first:mt-0">
      <h2 id={id} className="scroll-mt-6 border-b border-slate-200 pb-1 text-xl font-semibold text-slate-900">
        {title}
      </h2>
      <div className="mt-3 space-y-3">{children}</div>
    </section>
  );
}

export function H3({ id, children }: { id?: string; children: React.ReactNode }) {
  return (
    <h3 id={id} className="scroll-mt-6 pt-2 text-base font-semibold text-slate-900">
      {children}
    </h3>
  );
}

export function P({ children }: { children: React.ReactNode }) {
  return <p>{children}</p>;
}

export function UL({ children }: { children: React.ReactNode }) {
  return <ul className="list-disc space-y-1.5 pl-5 marker:text-slate-400">{children}</ul>;
}

export function OL({ children }: { children: React.ReactNode }) {
  return <ol className="list-decimal space-y-2 pl-5 marker:font-semibold marker:text-slate-500">{children}</ol>;
}

export function Strong({ children }: { children: React.ReactNode }) {
  return <strong className="font-semibold text-slate-900">{children}</strong>;
}

export function Code({ children }: { children: React.ReactNode }) {
  return <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.9em] text-slate-800">{children}</code>;
}

type CalloutTone = "info" | "warning" | "unknown";

const CALLOUT: Record<CalloutTone, { icon: LucideIcon; box: string; iconTone: string }> = {
  info: { icon: Info, box: "border-blue-600 bg-blue-50 text-blue-950", iconTone: "text-blue-700" },
  warning: { icon: TriangleAlert, box: "border-amber-500 bg-amber-50 text-amber-950", iconTone: "text-amber-700" },
  unknown: { icon: CircleHelp, box: "border-purple-600 bg-purple-50 text-purple-950", iconTone: "text-purple-700" },
};

/** A highlighted note. The title is a paragraph, not a heading, so the outline stays clean. */
export function Callout({ tone = "info", title, children }: { tone?: CalloutTone; title: React.ReactNode; children?: React.ReactNode }) {
  const { icon: Icon, box, iconTone } = CALLOUT[tone];
  return (
    <div role="note" className={`flex gap-3 rounded-md border-l-4 px-4 py-3 ${box}`}>
      <Icon aria-hidden="true" className={`mt-0.5 h-5 w-5 shrink-0 ${iconTone}`} />
      <div className="space-y-1.5">
        <p className="font-semibold">{title}</p>
        {children}
      </div>
    </div>
  );
}

/** "On this page" links to the section ids. */
export function OnThisPage({ items }: { items: { id: string; label: string }[] }) {
  return (
    <nav aria-label="On this page" className="mb-8 rounded-md border border-slate-200 bg-white px-4 py-3 text-sm">
      <p className="mb-1 font-semibold text-slate-900">On this page</p>
      <ul className="grid gap-x-6 gap-y-1 sm:grid-cols-2">
        {items.map((item) => (
          <li key={item.id}>
            <a href={`#${item.id}`} className={linkClass}>
              {item.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function TextLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <Link href={href} className={linkClass}>
      {children}
    </Link>
  );
}
