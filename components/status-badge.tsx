// The six send badges (and "Received"): text always, colour and icon only reinforce it.
import { Check, CheckCheck, CircleHelp, CircleX, Clock, ClockAlert, TriangleAlert, Inbox, type LucideIcon } from "lucide-react";
import { DISPLAY_STATUS_LABEL, type DisplayStatus } from "@/lib/status";

const LOOK: Record<DisplayStatus, { icon: LucideIcon; tone: string }> = {
  sending: { icon: Clock, tone: "bg-slate-100 text-slate-700 ring-slate-300" },
  sent: { icon: Check, tone: "bg-blue-50 text-blue-800 ring-blue-200" },
  delivered: { icon: CheckCheck, tone: "bg-emerald-50 text-emerald-800 ring-emerald-200" },
  failed: { icon: CircleX, tone: "bg-red-50 text-red-800 ring-red-200" },
  undelivered: { icon: TriangleAlert, tone: "bg-amber-50 text-amber-900 ring-amber-300" },
  unknown_error: { icon: CircleHelp, tone: "bg-purple-50 text-purple-800 ring-purple-200" },
  received: { icon: Inbox, tone: "bg-slate-50 text-slate-600 ring-slate-200" },
};

export function StatusBadge({ status, noReceipt = false, read = false }: { status: DisplayStatus; noReceipt?: boolean; read?: boolean }) {
  const { icon, tone } = LOOK[status];
  const Icon = status === "sent" && noReceipt ? ClockAlert : icon;
  const label = status === "sent" && noReceipt ? "Sent, no receipt yet" : DISPLAY_STATUS_LABEL[status];
  return (
    <span
      data-testid="status-badge"
      data-status={status}
      className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tone}`}
    >
      <Icon aria-hidden="true" className={`h-3.5 w-3.5 ${status === "sending" ? "motion-safe:animate-pulse" : ""}`} />
      <span>{label}</span>
      {status === "delivered" && read ? <span className="text-[10px] font-normal opacity-80">· Read</span> : null}
    </span>
  );
}
