// The SQLite schema. Times are integer milliseconds since the epoch unless named otherwise.
// drizzle-kit turns this file into the SQL migrations in db/migrations/ (npm run db:generate).
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

const nowMs = sql`(cast(unixepoch('subsecond') * 1000 as integer))`;

// --- Sign-in (the tables better-auth's drizzle adapter manages, plus our role) ---

export const user = sqliteTable("user", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  email: text("email").notNull().unique(),
  emailVerified: integer("email_verified", { mode: "boolean" }).default(false).notNull(),
  image: text("image"),
  role: text("role", { enum: ["agent", "admin"] }).default("agent").notNull(),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).default(nowMs).notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).default(nowMs).notNull(),
});

export const session = sqliteTable(
  "session",
  {
    id: text("id").primaryKey(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    token: text("token").notNull().unique(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).default(nowMs).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).default(nowMs).notNull(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
  },
  (t) => [index("session_user_idx").on(t.userId)],
);

export const account = sqliteTable(
  "account",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: integer("access_token_expires_at", { mode: "timestamp_ms" }),
    refreshTokenExpiresAt: integer("refresh_token_expires_at", { mode: "timestamp_ms" }),
    scope: text("scope"),
    password: text("password"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).default(nowMs).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).default(nowMs).notNull(),
  },
  (t) => [index("account_user_idx").on(t.userId)],
);

export const verification = sqliteTable(
  "verification",
  {
    id: text("id").primaryKey(),
    identifier: text("identifier").notNull(),
    value: text("value").notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).default(nowMs).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).default(nowMs).notNull(),
  },
  (t) => [index("verification_identifier_idx").on(t.identifier)],
);

// API tokens for the REST API. Only a SHA-256 of the token is stored.
export const apiTokens = sqliteTable("api_tokens", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  userId: text("user_id")
    .notNull()
    .references(() => user.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  tokenHash: text("token_hash").notNull().unique(),
  createdAt: integer("created_at").notNull(),
  lastUsedAt: integer("last_used_at"),
  revokedAt: integer("revoked_at"),
});

// --- Messaging ---

export const contacts = sqliteTable("contacts", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  phone: text("phone").notNull().unique(), // E.164
  name: text("name"),
  // Set by a STOP keyword or error 21610; cleared by START or an admin.
  optedOutAt: integer("opted_out_at"),
  // The last permanent failure for this number (30005, 30006, 21614, 21211), if any.
  unreachableCode: text("unreachable_code"),
  unreachableAt: integer("unreachable_at"),
  createdAt: integer("created_at").notNull(),
});

export const senderNumbers = sqliteTable("sender_numbers", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  phone: text("phone").notNull().unique(),
  label: text("label").notNull(),
  kind: text("kind", { enum: ["long_code", "toll_free", "short_code"] }).notNull(),
  // A2P 10DLC (long codes): brand + campaign registration.
  a2pState: text("a2p_state", { enum: ["unregistered", "pending", "registered", "failed"] }),
  // Toll-free verification.
  tfvState: text("tfv_state", { enum: ["unverified", "pending", "verified", "rejected"] }),
  isDefault: integer("is_default", { mode: "boolean" }).default(false).notNull(),
  createdAt: integer("created_at").notNull(),
});

export const conversations = sqliteTable(
  "conversations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    contactId: integer("contact_id")
      .notNull()
      .unique()
      .references(() => contacts.id),
    lastActivityAt: integer("last_activity_at").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("conversations_activity_idx").on(t.lastActivityAt, t.id)],
);

export const messages = sqliteTable(
  "messages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    conversationId: integer("conversation_id")
      .notNull()
      .references(() => conversations.id),
    direction: text("direction", { enum: ["outbound", "inbound"] }).notNull(),
    channel: text("channel", { enum: ["sms", "mms"] }).notNull(),
    body: text("body").notNull(),
    fromNumber: text("from_number").notNull(),
    toNumber: text("to_number").notNull(),
    provider: text("provider").notNull(), // "twilio" (the simulator speaks Twilio)
    providerMessageId: text("provider_message_id"),
    // The provider's own status word (queued, sent, undelivered, read, received ...).
    status: text("status").notNull(),
    // Derived from status + errorCode by lib/status; stored so admins can filter on an index.
    displayStatus: text("display_status").notNull(),
    statusRank: integer("status_rank").notNull(),
    errorCode: text("error_code"),
    segments: integer("segments").notNull(),
    readAt: integer("read_at"),
    resendOfId: integer("resend_of_id"),
    senderNumberId: integer("sender_number_id").references(() => senderNumbers.id),
    sentByUserId: text("sent_by_user_id"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    // When reconciliation last asked the provider about this message.
    reconciledAt: integer("reconciled_at"),
  },
  (t) => [
    uniqueIndex("messages_provider_sid_uq").on(t.provider, t.providerMessageId),
    index("messages_conversation_idx").on(t.conversationId, t.createdAt, t.id),
    // Each admin filter index keeps (column, created_at, id) first, so lists come out newest first
    // and keyset pages seek, and carries the other filter columns, so the facet counts read the
    // index alone (docs/performance.md).
    index("messages_display_status_idx").on(t.displayStatus, t.createdAt, t.id, t.errorCode, t.fromNumber),
    index("messages_error_code_idx").on(t.errorCode, t.createdAt, t.id, t.displayStatus, t.fromNumber),
    index("messages_from_idx").on(t.fromNumber, t.createdAt, t.id, t.displayStatus, t.errorCode),
    index("messages_to_idx").on(t.toNumber, t.createdAt, t.id),
    index("messages_created_idx").on(t.createdAt, t.id),
    index("messages_updated_idx").on(t.updatedAt),
  ],
);

export const messageMedia = sqliteTable(
  "message_media",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    messageId: integer("message_id")
      .notNull()
      .references(() => messages.id),
    url: text("url").notNull(),
    contentType: text("content_type"),
  },
  (t) => [index("message_media_message_idx").on(t.messageId)],
);

// Append-only: every status callback as received. A row whose messageId is null is an orphan:
// its MessageSid matched no message yet, and it is applied when that message appears.
export const statusEvents = sqliteTable(
  "status_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    provider: text("provider").notNull(),
    providerMessageId: text("provider_message_id").notNull(),
    messageId: integer("message_id").references(() => messages.id),
    status: text("status").notNull(),
    errorCode: text("error_code").notNull().default(""), // "" when absent, so the unique key works
    source: text("source", { enum: ["callback", "send", "reconcile"] }).notNull(),
    rawPayload: text("raw_payload").notNull(),
    receivedAt: integer("received_at").notNull(),
  },
  (t) => [
    uniqueIndex("status_events_dedupe_uq").on(t.provider, t.providerMessageId, t.status, t.errorCode),
    index("status_events_message_idx").on(t.messageId, t.id),
  ],
);

// Webhook requests answered 403/413/415/400, for admins. The body copy is bounded.
export const rejectedWebhooks = sqliteTable(
  "rejected_webhooks",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    receivedAt: integer("received_at").notNull(),
    route: text("route").notNull(),
    httpStatus: integer("http_status").notNull(),
    reason: text("reason").notNull(),
    body: text("body").notNull(),
    bodyBytes: integer("body_bytes").notNull(),
    remoteAddress: text("remote_address"),
  },
  (t) => [index("rejected_webhooks_received_idx").on(t.receivedAt)],
);

// The built-in simulator's schedule of callbacks to deliver. Kept in SQLite so that a restart
// neither loses nor repeats a callback: a row is claimed before it is sent and marked after.
export const simulatorJobs = sqliteTable(
  "simulator_jobs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    providerMessageId: text("provider_message_id").notNull(),
    dueAt: integer("due_at").notNull(),
    params: text("params").notNull(), // JSON of the form parameters
    claimedAt: integer("claimed_at"),
    deliveredAt: integer("delivered_at"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
  },
  (t) => [index("simulator_jobs_due_idx").on(t.deliveredAt, t.dueAt)],
);

// Fixed-window counters (sign-in attempts by email and by address), shared by every process.
export const rateLimits = sqliteTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: integer("window_start").notNull(),
  count: integer("count").notNull(),
});
