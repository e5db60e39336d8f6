"use client";
// A badge that opens the message's status detail in a side drawer (a modal <dialog>: focus moves
// in, Escape closes, focus returns to the badge).
import { useEffect, useRef, useState, useTransition } from "react";
import Link from "next/link";
import { X } from "lucide-react";
import { StatusBadge } from "@/components/status-badge";
import { errorGuidanceHref, errorInfo, topicGuidanceHref, UNKNOWN_ERROR_INFO } from "@/lib/errors/catalog";
import { DISPLAY_STATUS_LABEL, displayStatusOf, isFailure, isTwilioStatus, type DisplayStatus } from "@/lib/status";

export interface StatusDetailProps {
  messageId: number;
  displayStatus: DisplayStatus;
  errorCode: string | null;
  read: boolean;
  channel: "sms" | "mms";
  fromNumber: string;
  fromDisplay: string;
  // Still Sending long after it was sent: the provider has not reported on it.
  stuck: boolean;
  fromKind: "long_code" | "toll_free" | "short_code" | null;
  segments: number;
  providerMessageId: string | null;
  noReceipt: boolean;
  sentHintHours: number;
  resendCanHelp: boolean;
  resentAs: number | null;
  history: { status: string; errorCode: string | null; time: string; iso: string }[];
  resend: (messageId: number) => Promise<{ error: string | null }>;
}

function historyLabel(status: string, code: string | null): string {
  if (!isTwilioStatus(status)) return status;
  if (status === "read") return "Read";
  const d = displayStatusOf(status, code);
  const word = status === "queued" || status === "accepted" || status === "scheduled" ? `Sending (${status})` : DISPLAY_STATUS_LABEL[d];
  return code ? `${word} (${code})` : word;
}

export function StatusDetail(p: StatusDetailProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  // The detail is rendered only while open: a timeline has dozens of badges.
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (open && dialog.current && !dialog.current.open) dialog.current.showModal();
  }, [open]);
  const [pending, startTransition] = useTransition();
  const [resendError, setResendError] = useState<string | null>(null);
  const failure = isFailure(p.displayStatus);
  const info = failure ? (errorInfo(p.errorCode) ?? { ...UNKNOWN_ERROR_INFO, code: p.errorCode ?? "" }) : null;
  const unknown = p.displayStatus === "unknown_error";
  const guidance = unknown ? "a2p-10dlc" : info?.guidance ?? null;
  const label = p.displayStatus === "sent" && p.noReceipt ? "Sent, no receipt yet" : DISPLAY_STATUS_LABEL[p.displayStatus];
  const titleId = `status-title-${p.messageId}`;

  const onResend = () =>
    startTransition(async () => {
      setResendError(null);
      const r = await p.resend(p.messageId);
      if (r.error) setResendError(r.error);
      else dialog.current?.close();
    });

  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
        aria-label={`Status: ${label}${p.errorCode ? `, error ${p.errorCode}` : ""}. Show details`}
        className="rounded-full"
        data-testid="status-button"
        data-message-id={p.messageId}
      >
        <StatusBadge status={p.displayStatus} noReceipt={p.noReceipt} read={p.read} />
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        data-testid="status-detail"
        onClose={() => setOpen(false)}
        onClick={(e) => {
          if (e.target === dialog.current) dialog.current?.close(); // a click on the backdrop
        }}
        className="fixed inset-y-0 right-0 left-auto m-0 h-full max-h-none w-full max-w-md overflow-y-auto border-l border-slate-200 bg-white p-0 text-left text-sm text-slate-800 shadow-xl backdrop:bg-slate-900/30"
      >
        {open ? (
          <>
        <div className="flex items-start justify-between gap-3 border-b border-slate-200 px-5 py-4">
          <div>
            <h2 id={titleId} className="text-base font-semibold">{label}</h2>
            {info && p.errorCode ? (
              <p className="mt-0.5 text-slate-700">
                <span className="font-mono">{p.errorCode}</span> · {info.title}
              </p>
            ) : null}
          </div>
          <button type="button" onClick={() => dialog.current?.close()} aria-label="Close" className="rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800">
            <X aria-hidden="true" className="h-5 w-5" />
          </button>
        </div>

        <div className="space-y-3 px-5 py-4">
          {unknown ? (
            <p className="rounded-md bg-purple-50 px-3 py-2 text-purple-900">
              The sending number is likely not registered for A2P 10DLC. That is the most common reason for this error.
            </p>
          ) : null}
          {info ? (
            <>
              <p>{info.cause}</p>
              <p>
                <span className="font-semibold">What you can do: </span>
                {info.agentAction}
              </p>
            </>
          ) : null}
          {p.displayStatus === "sent" ? (
            <p className={p.noReceipt ? "rounded-md bg-blue-50 px-3 py-2 text-blue-900" : "text-slate-700"}>
              {p.noReceipt
                ? `The carrier accepted this text more than ${p.sentHintHours} hours ago and has not sent a delivery receipt. Not every carrier sends one, so it may well have arrived.`
                : "The carrier accepted this text. A delivery receipt usually follows within seconds."}
              {p.channel === "mms" && p.fromKind === "long_code"
                ? " Picture messages sent from US and Canadian long codes often stay Sent even when they were delivered."
                : ""}
            </p>
          ) : null}
          {p.displayStatus === "sending" ? (
            p.stuck ? (
              <p className="rounded-md bg-slate-100 px-3 py-2 text-slate-800">
                This text has been waiting for a while and the provider has not reported on it yet. SendStatus asks the provider
                about such texts regularly; if it stays like this, tell an admin.
              </p>
            ) : (
              <p className="text-slate-700">The provider has the text and is handing it to a carrier. This normally takes seconds.</p>
            )
          ) : null}
          {p.displayStatus === "delivered" ? <p className="text-slate-700">The carrier confirmed delivery to the customer&apos;s phone.</p> : null}
        </div>

        <div className="border-t border-slate-200 px-5 py-4">
          <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">History</h3>
          {p.history.length ? (
            <ol className="space-y-1" aria-label="Status history">
              {p.history.map((h, i) => (
                <li key={i} className="flex gap-3">
                  <time dateTime={h.iso} className="w-24 shrink-0 tabular-nums text-slate-500">{h.time}</time>
                  <span>{historyLabel(h.status, h.errorCode)}</span>
                </li>
              ))}
            </ol>
          ) : (
            <p className="text-slate-600">No status reports yet.</p>
          )}
          <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs text-slate-500">
            <dt>From</dt>
            <dd>{p.fromDisplay}</dd>
            <dt>Segments</dt>
            <dd>{p.segments}</dd>
            {p.providerMessageId ? (
              <>
                <dt>Message ID</dt>
                <dd className="break-all font-mono">{p.providerMessageId}</dd>
              </>
            ) : null}
          </dl>
        </div>

        {failure ? (
          <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-5 py-4">
            {p.resentAs ? (
              <p className="text-slate-600">Resent as a new text.</p>
            ) : p.resendCanHelp ? (
              <button type="button" onClick={onResend} disabled={pending} className="rounded-md bg-blue-700 px-3 py-1.5 font-semibold text-white hover:bg-blue-800 disabled:opacity-60">
                {pending ? "Resending…" : "Resend"}
              </button>
            ) : (
              <p className="max-w-[16rem] text-slate-700" data-testid="resend-blocked">
                Resending won&apos;t help: the same text would fail again until the cause is fixed.
              </p>
            )}
            <div className="flex flex-col items-end gap-1">
              {guidance ? (
                <Link href={topicGuidanceHref(guidance)} className="text-blue-700 hover:underline">
                  {guidance === "a2p-10dlc" ? "A2P 10DLC registration guide →" : "Toll-free verification guide →"}
                </Link>
              ) : null}
              {p.errorCode ? (
                <Link href={errorGuidanceHref(p.errorCode)} className="text-blue-700 hover:underline">
                  Learn more about this error →
                </Link>
              ) : null}
            </div>
            {resendError ? <p role="alert" className="w-full text-red-700">{resendError}</p> : null}
          </div>
        ) : null}
          </>
        ) : null}
      </dialog>
    </>
  );
}
