// Months of history, bulk-inserted straight into SQLite with prepared statements (the server is
// stopped meanwhile): contacts and their conversations, `rows` texts over 90 days with a realistic
// spread of statuses, error codes and senders, and one long conversation for the timeline page.
import Database from "better-sqlite3";
import { hexId, log, rng, weighted } from "./util.mjs";

const DAY = 86_400_000;

export const DISPLAY_MIX = [
  ["delivered", 85],
  ["sent", 5],
  ["undelivered", 4],
  ["failed", 2],
  ["unknown_error", 2],
  ["received", 2],
];
const UNDELIVERED_CODES = [
  ["30003", 35],
  ["30005", 15],
  ["30006", 15],
  ["30007", 15],
  ["30034", 15],
  ["30032", 5],
];
const FAILED_CODES = [
  ["30001", 50],
  ["21610", 50],
];
// Share of the traffic per sender number, in the order of sender_numbers.id.
const SENDER_WEIGHTS = [40, 20, 10, 15, 10, 5];
const BODIES = [
  "Your appointment is confirmed for tomorrow at 10:00. Reply C to cancel.",
  "Your order has shipped and will arrive on Thursday.",
  "Your verification code is 482913.",
  "Hi! Your table is ready. Please come to the host stand.",
  "Reminder: your subscription renews in 3 days.",
  "We received your payment. Thank you!",
  "Your package is out for delivery.",
  "Thanks for your message, an agent will reply shortly.",
];
const INBOUND_BODIES = ["Thanks!", "Can you call me back?", "Is the store open on Sunday?", "OK", "STOP", "Where is my order?"];

function statusWords(display, code) {
  switch (display) {
    case "delivered":
      return ["delivered", 4, null];
    case "sent":
      return ["sent", 2, null];
    case "undelivered":
      return ["undelivered", 3, code];
    case "failed":
      return ["failed", 3, code];
    case "unknown_error":
      return ["undelivered", 3, "30008"];
    default:
      return ["received", 0, null];
  }
}

/**
 * Inserts `rows` texts (plus `timelineMessages` in one conversation) into dbPath. Returns what
 * the query part needs: the time range, the sender numbers and the long conversation's id.
 */
export function insertHistory(dbPath, { rows, contacts = 20_000, timelineMessages = 10_000, seed = 42, now = Date.now(), chunk = 50_000, analyze = true, extraSql = null }) {
  const random = rng(seed);
  const db = new Database(dbPath);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF"); // bulk load only; the server is stopped
  db.pragma("cache_size = -262144");
  db.pragma("busy_timeout = 10000");
  const senders = db.prepare(`SELECT id, phone FROM sender_numbers ORDER BY id`).all();
  if (senders.length < 2) throw new Error("the database has no sender numbers; start the server once to seed it");
  const pickSender = weighted(senders.map((s, i) => [s, SENDER_WEIGHTS[i] ?? 5]));
  const pickDisplay = weighted(DISPLAY_MIX);
  const pickUndelivered = weighted(UNDELIVERED_CODES);
  const pickFailed = weighted(FAILED_CODES);
  const start = now - 90 * DAY;
  const t0 = Date.now();

  const insertContact = db.prepare(`INSERT INTO contacts (phone, name, created_at) VALUES (?, ?, ?) RETURNING id`);
  const insertConversation = db.prepare(`INSERT INTO conversations (contact_id, last_activity_at, created_at) VALUES (?, ?, ?) RETURNING id`);
  const insertMessage = db.prepare(
    `INSERT INTO messages (conversation_id, direction, channel, body, from_number, to_number, provider, provider_message_id,
       status, display_status, status_rank, error_code, segments, sender_number_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'twilio', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertEvent = db.prepare(
    `INSERT INTO status_events (provider, provider_message_id, message_id, status, error_code, source, raw_payload, received_at)
     VALUES ('twilio', ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertMedia = db.prepare(`INSERT INTO message_media (message_id, url, content_type) VALUES (?, ?, 'image/jpeg')`);
  const touch = db.prepare(`UPDATE conversations SET last_activity_at = ? WHERE id = ?`);

  // Contacts and conversations.
  const people = [];
  db.transaction(() => {
    for (let i = 0; i < contacts; i++) {
      const phone = `+1917${String(2000000 + i).padStart(7, "0")}`;
      const c = insertContact.get(phone, i % 3 === 0 ? null : `Customer ${i}`, start);
      const v = insertConversation.get(c.id, start, start);
      people.push({ phone, conversationId: v.id, last: start });
    }
  })();

  // The history, oldest first (ids grow with time, as they do in production).
  const step = (90 * DAY) / rows;
  let done = 0;
  while (done < rows) {
    const n = Math.min(chunk, rows - done);
    db.transaction(() => {
      for (let k = 0; k < n; k++) {
        const i = done + k;
        const at = Math.floor(start + i * step + random() * step);
        // A few regulars text a lot; most contacts a little.
        const who = people[random() < 0.3 ? Math.floor(random() * 200) : Math.floor(random() * people.length)];
        const sender = pickSender(random());
        const display = pickDisplay(random());
        const code = display === "undelivered" ? pickUndelivered(random()) : display === "failed" ? pickFailed(random()) : null;
        const [status, rank, errorCode] = statusWords(display, code);
        const inbound = display === "received";
        const mms = random() < 0.05;
        insertMessage.run(
          who.conversationId,
          inbound ? "inbound" : "outbound",
          mms ? "mms" : "sms",
          inbound ? INBOUND_BODIES[i % INBOUND_BODIES.length] : BODIES[i % BODIES.length],
          inbound ? who.phone : sender.phone,
          inbound ? sender.phone : who.phone,
          (mms ? "MM" : "SM") + hexId(random),
          status,
          display,
          rank,
          errorCode,
          random() < 0.2 ? 2 : 1,
          inbound ? null : sender.id,
          at,
          at + (inbound ? 0 : 5000),
        );
        if (at > who.last) who.last = at;
      }
    })();
    done += n;
    if (done % 200_000 === 0 || done === rows) log(`history: ${done.toLocaleString("en")} texts (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
  db.transaction(() => {
    for (const p of people) touch.run(p.last, p.conversationId);
  })();

  // One long conversation: `timelineMessages` texts over 90 days, each with its status history
  // (send + callbacks, as the app stores them) and some with a picture.
  const timelinePhone = "+19175550123";
  let conversationId = null;
  if (timelineMessages > 0) {
    db.transaction(() => {
      const c = insertContact.get(timelinePhone, "Long Conversation", start);
      conversationId = insertConversation.get(c.id, now, start).id;
      const tstep = (90 * DAY - 60_000) / timelineMessages;
      const sender = senders[0];
      for (let i = 0; i < timelineMessages; i++) {
        const at = Math.floor(start + i * tstep + random() * tstep * 0.5);
        const inbound = random() < 0.3;
        let display = "received";
        if (!inbound) do display = pickDisplay(random()); while (display === "received");
        const code = display === "undelivered" ? pickUndelivered(random()) : display === "failed" ? pickFailed(random()) : null;
        const [status, rank, errorCode] = statusWords(display, code);
        const mms = random() < 0.05;
        const sid = (mms ? "MM" : "SM") + hexId(random);
        const info = insertMessage.run(
          conversationId,
          inbound ? "inbound" : "outbound",
          mms ? "mms" : "sms",
          inbound ? INBOUND_BODIES[i % INBOUND_BODIES.length] : BODIES[i % BODIES.length],
          inbound ? timelinePhone : sender.phone,
          inbound ? sender.phone : timelinePhone,
          sid,
          status,
          display,
          rank,
          errorCode,
          1,
          inbound ? null : sender.id,
          at,
          at + 5000,
        );
        const id = Number(info.lastInsertRowid);
        if (inbound) insertEvent.run(sid, id, "received", "", "callback", "{}", at);
        else {
          insertEvent.run(sid, id, "queued", "", "send", "{}", at);
          if (status !== "failed") insertEvent.run(sid, id, "sent", "", "callback", `MessageSid=${sid}&MessageStatus=sent`, at + 1000);
          if (status !== "sent") insertEvent.run(sid, id, status, errorCode ?? "", "callback", `MessageSid=${sid}&MessageStatus=${status}`, at + 5000);
        }
        if (mms) insertMedia.run(id, `https://media.example.com/${sid}.jpg`);
      }
      touch.run(now - 60_000, conversationId);
    })();
    log(`history: conversation ${conversationId} with ${timelineMessages.toLocaleString("en")} texts`);
  }

  if (extraSql) {
    const e0 = Date.now();
    db.exec(extraSql);
    log(`history: extra SQL in ${((Date.now() - e0) / 1000).toFixed(1)} s`);
  }
  if (analyze) {
    const a0 = Date.now();
    db.exec("ANALYZE");
    db.pragma("optimize");
    log(`history: ANALYZE in ${((Date.now() - a0) / 1000).toFixed(1)} s`);
  }
  db.pragma("wal_checkpoint(TRUNCATE)");
  const total = db.prepare(`SELECT count(*) AS n FROM messages`).get().n;
  db.close();
  log(`history: ${total.toLocaleString("en")} texts in the database after ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return { rows: total, start, now, senders: senders.map((s) => s.phone), conversationId, insertSeconds: (Date.now() - t0) / 1000 };
}
