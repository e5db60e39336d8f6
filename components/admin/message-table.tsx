// The texts matching the deliverability filter, newest first, one line each.
import Link from "next/link";
import type { MessageDto } from "@/lib/data/messages";
import { formatPhone } from "@/lib/data/phone";
import { errorGuidanceHref, errorInfo, topicGuidanceHref, UNKNOWN_ERROR_INFO } from "@/lib/errors/catalog";
import { formatClockSeconds, formatDateTime } from "@/lib/format";
import { StatusBadge } from "../status-badge";

const th = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500";
const td = "px-3 py-2 align-top";

function ErrorCell({ m }: { m: MessageDto }) {
  if (!m.errorCode) return <span className="text-slate-400">–</span>;
  const info = errorInfo(m.errorCode);
  const guidance = info ? info.guidance : UNKNOWN_ERROR_INFO.guidance;
  return (
    <div className="min-w-0">
      <Link prefetch={false} href={errorGuidanceHref(m.errorCode)} className="group inline-flex max-w-full items-baseline gap-1.5 hover:underline">
        <span className="font-mono text-xs font-semibold text-slate-900">{m.errorCode}</span>
        <span className="truncate text-slate-700 group-hover:text-slate-900">{m.errorTitle}</span>
      </Link>
      {guidance ? (
        <Link prefetch={false} href={topicGuidanceHref(guidance)} className="block text-xs text-blue-700 hover:underline">
          {guidance === "a2p-10dlc" ? "A2P 10DLC registration guide" : "Toll-free verification guide"}
        </Link>
      ) : null}
    </div>
  );
}

export function MessageTable({ items, tz }: { items: MessageDto[]; tz: string }) {
  return (
    <table className="w-full table-fixed border-collapse text-sm" data-testid="message-table">
      <caption className="sr-only">Texts matching the filter, newest first</caption>
      <colgroup>
        <col className="w-32" />
        <col className="w-48" />
        <col />
        <col className="w-40" />
        <col className="w-36" />
        <col className="w-72" />
      </colgroup>
      <thead className="border-b border-slate-200 bg-slate-50">
        <tr>
          <th scope="col" className={th}>Time</th>
          <th scope="col" className={th}>Contact</th>
          <th scope="col" className={th}>Text</th>
          <th scope="col" className={th}>Sender</th>
          <th scope="col" className={th}>Status</th>
          <th scope="col" className={th}>Error</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {items.map((m) => {
          const contactPhone = m.direction === "outbound" ? m.to : m.from;
          const ours = m.direction === "outbound" ? m.from : m.to;
          return (
            <tr key={m.id} data-testid="message-row" data-message-id={m.id} className="hover:bg-slate-50">
              <td className={`${td} whitespace-nowrap text-slate-600`}>
                <time dateTime={m.createdAt} title={`${formatDateTime(m.createdAt, tz)}, ${formatClockSeconds(m.createdAt, tz)}`}>
                  {formatDateTime(m.createdAt, tz)}
                </time>
              </td>
              <td className={td}>
                <Link prefetch={false} href={`/conversations/${m.conversationId}`} className="block truncate font-medium text-blue-800 hover:underline" title="Open the conversation">
                  {m.contactName ?? formatPhone(contactPhone)}
                </Link>
                {m.contactName ? <span className="block truncate text-xs text-slate-500">{formatPhone(contactPhone)}</span> : null}
              </td>
              <td className={`${td} text-slate-700`}>
                <span className="line-clamp-2 break-words">
                  {m.channel === "mms" ? <span className="mr-1 rounded bg-slate-100 px-1 text-[10px] font-semibold text-slate-600">MMS</span> : null}
                  {m.body || <span className="text-slate-400">(no text)</span>}
                </span>
              </td>
              <td className={`${td} whitespace-nowrap text-slate-700`}>{formatPhone(ours)}</td>
              <td className={`${td} whitespace-nowrap`}>
                <StatusBadge status={m.displayStatus} read={m.read} />
              </td>
              <td className={td}>
                <ErrorCell m={m} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
