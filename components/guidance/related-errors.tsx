// A list of error codes, each linking to its guidance page, with a note on how it relates
// to the page it appears on. Titles come from the catalog so they never drift.
import Link from "next/link";
import { errorGuidanceHref, errorInfo } from "@/lib/errors/catalog";
import { linkClass } from "./prose";

export interface RelatedError {
  code: string;
  /** Why this code matters on this page, in one sentence. */
  note: React.ReactNode;
}

export function RelatedErrors({ items }: { items: RelatedError[] }) {
  return (
    <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white">
      {items.map(({ code, note }) => {
        const title = errorInfo(code)?.title ?? "Unknown error";
        return (
          <li key={code} className="px-4 py-3">
            <Link href={errorGuidanceHref(code)} className={linkClass}>
              <span className="font-mono">{code}</span> {title}
            </Link>
            <p className="mt-0.5 text-sm text-slate-700">{note}</p>
          </li>
        );
      })}
    </ul>
  );
}
