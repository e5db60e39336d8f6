// Prepared statements of the ingest hot path, compiled once per connection.
import type Database from "better-sqlite3";

function prepare(sqlite: Database.Database) {
  return {
    messageBySid: sqlite.prepare(`SELECT id FROM messages WHERE provider = ? AND provider_message_id = ?`),
    insertEvent: sqlite.prepare(
      `INSERT INTO status_events (provider, provider_message_id, message_id, status, error_code, source, raw_payload, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (provider, provider_message_id, status, error_code) DO NOTHING`,
    ),
    messageRank: sqlite.prepare(`SELECT status_rank, to_number, direction FROM messages WHERE id = ?`),
    updateMessageStatus: sqlite.prepare(
      `UPDATE messages SET status = ?, display_status = ?, status_rank = ?, error_code = ?,
         read_at = coalesce(?, read_at), updated_at = ? WHERE id = ?`,
    ),
    optOutContact: sqlite.prepare(`UPDATE contacts SET opted_out_at = ? WHERE phone = ? AND opted_out_at IS NULL`),
    markContactUnreachable: sqlite.prepare(`UPDATE contacts SET unreachable_code = ?, unreachable_at = ? WHERE phone = ?`),
    claimOrphans: sqlite.prepare(
      `UPDATE status_events SET message_id = ? WHERE provider = ? AND provider_message_id = ? AND message_id IS NULL
       RETURNING status, error_code, received_at`,
    ),
  };
}

const cache = new WeakMap<Database.Database, ReturnType<typeof prepare>>();

export function statements(sqlite: Database.Database): ReturnType<typeof prepare> {
  let s = cache.get(sqlite);
  if (!s) {
    s = prepare(sqlite);
    cache.set(sqlite, s);
  }
  return s;
}
