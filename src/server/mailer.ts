import { eq } from "drizzle-orm";
import type { FastifyBaseLogger } from "fastify";
import nodemailer from "nodemailer";
import type { DbOrTx } from "../db/client.ts";
import { outboxMessages } from "../db/schema/index.ts";

export interface MailMessage {
  organizationId: string | null;
  to: string;
  subject: string;
  body: string;
}

export interface Mailer {
  /** Stores the message in the outbox (inside the caller's transaction) and sends it after commit. */
  enqueue(db: DbOrTx, message: MailMessage): Promise<string>;
  deliver(db: DbOrTx, id: string): Promise<void>;
}

/** With SMTP_URL, mail is sent; without it, it stays in the outbox page and the log. */
export function createMailer(options: {
  smtpUrl: string | undefined;
  from: string;
  log: FastifyBaseLogger;
}): Mailer {
  const transport = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null;
  return {
    async enqueue(db, message) {
      const [row] = await db.insert(outboxMessages).values(message).returning({ id: outboxMessages.id });
      if (!row) throw new Error("outbox insert returned nothing");
      if (!transport) {
        options.log.info(
          { outbox: row.id, to: message.to, subject: message.subject },
          `mail: ${message.body}`,
        );
      }
      return row.id;
    },
    async deliver(db, id) {
      if (!transport) return;
      const [message] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
      if (!message) return;
      try {
        await transport.sendMail({
          from: options.from,
          to: message.to,
          subject: message.subject,
          text: message.body,
        });
        await db.update(outboxMessages).set({ sentAt: new Date() }).where(eq(outboxMessages.id, id));
      } catch (error) {
        options.log.error({ err: error, outbox: id }, "mail delivery failed");
        await db
          .update(outboxMessages)
          .set({ error: String(error) })
          .where(eq(outboxMessages.id, id));
      }
    },
  };
}
