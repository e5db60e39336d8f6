// Demo data for a fresh database: two accounts, sender numbers in every registration state, and
// conversations whose texts show every status. Runs once, when the database has no users.
import crypto from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import type { Db } from "../../db/client";
import { displayStatusOf, rankOf, type TwilioStatus } from "../status";

export const DEMO_PASSWORD = "sendstatus-demo";
export const DEMO_USERS = [
  { email: "agent@example.com", name: "Alex Agent", role: "agent" },
  { email: "admin@example.com", name: "Ada Admin", role: "admin" },
] as const;

export const DEMO_SENDERS = [
  { phone: "+14155550000", label: "Support line", kind: "long_code", a2p: "registered", tfv: null, isDefault: true },
  { phone: "+14155550001", label: "Promotions", kind: "long_code", a2p: "pending", tfv: null, isDefault: false },
  { phone: "+14155550002", label: "Old branch line", kind: "long_code", a2p: "unregistered", tfv: null, isDefault: false },
  { phone: "+18885550100", label: "Toll-free help desk", kind: "toll_free", a2p: null, tfv: "verified", isDefault: false },
  { phone: "+18885550101", label: "Toll-free (new)", kind: "toll_free", a2p: null, tfv: "unverified", isDefault: false },
  { phone: "55501", label: "Alerts short code", kind: "short_code", a2p: null, tfv: null, isDefault: false },
] as const;

type Step = [TwilioStatus, string?];
interface DemoText {
  in?: string; // inbound body
  out?: string; // outbound body
  steps?: Step[]; // outbound callbacks after the initial "queued"
  from?: string;
  mms?: boolean;
  minutesAgo: number;
}

const CONVERSATIONS: { name: string; phone: string; texts: DemoText[] }[] = [
  {
    name: "Dana Ruiz",
    phone: "+14155550101",
    texts: [
      { in: "Hi, where is my pizza?", minutesAgo: 95 },
      { out: "It is on the way! Should be there in 20 minutes.", steps: [["sent"], ["delivered"]], minutesAgo: 94 },
      { out: "Your order is out for delivery.", steps: [["sent"], ["undelivered", "30003"]], minutesAgo: 12 },
    ],
  },
  {
    name: "Sam Lee",
    phone: "+14155550100",
    texts: [
      { out: "Your appointment is confirmed for Tuesday at 10:00.", steps: [["sent"], ["delivered"]], minutesAgo: 300 },
      { in: "Thanks!", minutesAgo: 290 },
      { out: "Here is the map to our office.", mms: true, steps: [["sent"], ["delivered"]], minutesAgo: 60 },
    ],
  },
  {
    name: "Priya Natarajan",
    phone: "+14155550103",
    texts: [{ out: "We tried to reach you about your claim. Please call us back.", steps: [["sent"], ["undelivered", "30006"]], minutesAgo: 240 }],
  },
  {
    name: "Marcus Webb",
    phone: "+14155550107",
    texts: [
      { in: "Can you resend the invoice?", minutesAgo: 180 },
      { out: "Sure, sending it now.", steps: [["sent"], ["undelivered", "30008"]], minutesAgo: 175 },
    ],
  },
  {
    name: "Lena Fischer",
    phone: "+14155550105",
    texts: [{ out: "Your package has shipped.", steps: [["failed", "30001"]], minutesAgo: 150 }],
  },
  {
    name: "Omar Haddad",
    phone: "+14155550230",
    texts: [
      { out: "Reminder: your subscription renews tomorrow.", from: "+14155550002", steps: [["sent"], ["undelivered", "30034"]], minutesAgo: 130 },
    ],
  },
  {
    name: "Grace Kim",
    phone: "+14155550108",
    texts: [{ out: "Your refund has been issued.", steps: [["sent"]], minutesAgo: 60 * 30 }],
  },
  {
    name: "Tomás Álvarez",
    phone: "+14155550112",
    texts: [
      { in: "STOP", minutesAgo: 2000 },
      { out: "We have a new offer for you.", steps: [["failed", "21610"]], minutesAgo: 45 },
    ],
  },
  {
    name: "Ivy Chen",
    phone: "+14155550199",
    texts: [
      { in: "Is the store open on Sunday?", minutesAgo: 8 },
      { out: "Yes, from 10 to 4.", steps: [], minutesAgo: 1 },
    ],
  },
  {
    name: "Noah Brooks",
    phone: "+14155550104",
    texts: [{ out: "Click here to claim your prize!!!", steps: [["sent"], ["undelivered", "30007"]], minutesAgo: 400 }],
  },
  {
    name: "Ruth Okafor",
    phone: "+14155550241",
    texts: [
      { out: "Welcome to our toll-free help desk.", from: "+18885550101", steps: [["sent"], ["undelivered", "30032"]], minutesAgo: 70 },
    ],
  },
];

const sid = (mms: boolean) => (mms ? "MM" : "SM") + crypto.randomBytes(16).toString("hex");

export async function seedDemoData(db: Db, now = Date.now()): Promise<boolean> {
  const sqlite = db.$client;
  const users = (sqlite.prepare(`SELECT count(*) AS n FROM user`).get() as { n: number }).n;
  if (users > 0) return false;
  const hash = await hashPassword(DEMO_PASSWORD);
  // Another process may have seeded while the password was hashed: check again under the lock.
  return sqlite.transaction((): boolean => {
    if ((sqlite.prepare(`SELECT count(*) AS n FROM user`).get() as { n: number }).n > 0) return false;
    for (const u of DEMO_USERS) {
      const id = crypto.randomUUID();
      sqlite
        .prepare(`INSERT INTO user (id, name, email, email_verified, role, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?, ?)`)
        .run(id, u.name, u.email, u.role, now, now);
      sqlite
        .prepare(`INSERT INTO account (id, account_id, provider_id, user_id, password, created_at, updated_at) VALUES (?, ?, 'credential', ?, ?, ?, ?)`)
        .run(crypto.randomUUID(), id, id, hash, now, now);
    }
    for (const s of DEMO_SENDERS) {
      sqlite
        .prepare(
          `INSERT INTO sender_numbers (phone, label, kind, a2p_state, tfv_state, is_default, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (phone) DO NOTHING`,
        )
        .run(s.phone, s.label, s.kind, s.a2p, s.tfv, s.isDefault ? 1 : 0, now);
    }
    const insertEvent = sqlite.prepare(
      `INSERT INTO status_events (provider, provider_message_id, message_id, status, error_code, source, raw_payload, received_at)
       VALUES ('twilio', ?, ?, ?, ?, ?, '{"seed":true}', ?)`,
    );
    for (const conv of CONVERSATIONS) {
      const contact = sqlite
        .prepare(`INSERT INTO contacts (phone, name, created_at) VALUES (?, ?, ?) ON CONFLICT (phone) DO UPDATE SET name = excluded.name RETURNING id`)
        .get(conv.phone, conv.name, now) as { id: number };
      const last = Math.min(...conv.texts.map((t) => t.minutesAgo));
      const conversation = sqlite
        .prepare(`INSERT INTO conversations (contact_id, last_activity_at, created_at) VALUES (?, ?, ?) RETURNING id`)
        .get(contact.id, now - last * 60_000, now) as { id: number };
      for (const t of conv.texts) {
        const at = now - t.minutesAgo * 60_000;
        const mms = Boolean(t.mms);
        const messageSid = sid(mms);
        if (t.in !== undefined) {
          const m = sqlite
            .prepare(
              `INSERT INTO messages (conversation_id, direction, channel, body, from_number, to_number, provider, provider_message_id,
                 status, display_status, status_rank, segments, created_at, updated_at)
               VALUES (?, 'inbound', 'sms', ?, ?, '+14155550000', 'twilio', ?, 'received', 'received', 0, 1, ?, ?) RETURNING id`,
            )
            .get(conversation.id, t.in, conv.phone, messageSid, at, at) as { id: number };
          insertEvent.run(messageSid, m.id, "received", "", "callback", at);
          if (t.in === "STOP") sqlite.prepare(`UPDATE contacts SET opted_out_at = ? WHERE id = ?`).run(at, contact.id);
          continue;
        }
        const steps = t.steps ?? [];
        const initial: TwilioStatus = steps.length === 0 && conv.phone.endsWith("0199") ? "accepted" : "queued";
        const [finalStatus, finalCode] = steps.length ? steps[steps.length - 1]! : [initial, undefined];
        const from = t.from ?? "+14155550000";
        const sender = sqlite.prepare(`SELECT id FROM sender_numbers WHERE phone = ?`).get(from) as { id: number };
        const m = sqlite
          .prepare(
            `INSERT INTO messages (conversation_id, direction, channel, body, from_number, to_number, provider, provider_message_id,
               status, display_status, status_rank, error_code, segments, sender_number_id, created_at, updated_at)
             VALUES (?, 'outbound', ?, ?, ?, ?, 'twilio', ?, ?, ?, ?, ?, 1, ?, ?, ?) RETURNING id`,
          )
          .get(
            conversation.id,
            mms ? "mms" : "sms",
            t.out,
            from,
            conv.phone,
            messageSid,
            finalStatus,
            displayStatusOf(finalStatus, finalCode),
            rankOf(finalStatus),
            finalCode ?? null,
            sender.id,
            at,
            at,
          ) as { id: number };
        if (mms) sqlite.prepare(`INSERT INTO message_media (message_id, url, content_type) VALUES (?, '/demo/map.png', 'image/png')`).run(m.id);
        insertEvent.run(messageSid, m.id, initial, "", "send", at);
        steps.forEach(([status, code], i) => insertEvent.run(messageSid, m.id, status, code ?? "", "callback", at + (i + 1) * 2000));
        if (finalCode === "30006") sqlite.prepare(`UPDATE contacts SET unreachable_code = '30006', unreachable_at = ? WHERE id = ?`).run(at, contact.id);
      }
    }
    return true;
  }).immediate();
}
