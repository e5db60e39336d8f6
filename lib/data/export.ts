import "server-only";
// CSV of every message matching the admin filter, streamed page by page (keyset), so neither
// the response nor a long-running statement holds the whole result.
import { requireAdmin, type Actor } from "./actor";
import { queryMessagePage, type Cursor, type MessageDto, type MessageFilter } from "./messages";

const COLUMNS = [
  "id",
  "created_at",
  "conversation_id",
  "direction",
  "channel",
  "from",
  "to",
  "contact_name",
  "display_status",
  "status",
  "error_code",
  "error_title",
  "segments",
  "provider_message_id",
  "body",
] as const;

function cell(value: string | number | null, freeText = false): string {
  let s = value === null ? "" : String(value);
  // A spreadsheet would run a free-text cell starting with = + - @ as a formula.
  if (freeText && /^[=+\-@\t\r]/.test(s)) s = "'" + s;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function row(m: MessageDto): string {
  return (
    [
      cell(m.id),
      cell(m.createdAt),
      cell(m.conversationId),
      cell(m.direction),
      cell(m.channel),
      cell(m.from),
      cell(m.to),
      cell(m.contactName, true),
      cell(m.displayStatus),
      cell(m.status),
      cell(m.errorCode),
      cell(m.errorTitle),
      cell(m.segments),
      cell(m.providerMessageId),
      cell(m.body, true),
    ].join(",") + "\r\n"
  );
}

export function exportMessagesCsv(actor: Actor | null, filter: MessageFilter): ReadableStream<Uint8Array> {
  requireAdmin(actor);
  const encoder = new TextEncoder();
  let cursor: Cursor | null = null;
  let started = false;
  let done = false;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (done) return;
      let out = started ? "" : COLUMNS.join(",") + "\r\n";
      started = true;
      const page = queryMessagePage(filter, cursor, 1000);
      for (const m of page.items) out += row(m);
      if (out) controller.enqueue(encoder.encode(out));
      if (!page.nextCursor) {
        done = true;
        controller.close();
        return;
      }
      const last = page.items[page.items.length - 1]!;
      cursor = { createdAt: Date.parse(last.createdAt), id: last.id };
    },
  });
}
