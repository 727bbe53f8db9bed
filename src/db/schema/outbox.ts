import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** Every e-mail Trellis sends. Without SMTP it stays here and is shown on the outbox page. */
export const outboxMessages = pgTable(
  "outbox_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The organization the message concerns (an invitation); null for personal mail (password reset). */
    organizationId: uuid("organization_id"),
    to: text("to_address").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    error: text("error"),
  },
  (t) => [index("outbox_org_time_idx").on(t.organizationId, t.createdAt)],
);
