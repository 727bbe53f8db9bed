import type { FastifyInstance } from "fastify";
import { runDailyReminders } from "../features/plans/reminders.ts";
import { runDailyRetention } from "../features/privacy/retention.service.ts";
import { runAnnualUpdateReminders } from "../features/sip/sip.reminders.ts";
import { todayIn } from "./config.ts";

const CHECK_EVERY_MS = 15 * 60_000;
/** Digests go out from this hour (local time) on; a process started later in the day still sends them. */
const SEND_FROM_HOUR = 6;

function hourIn(timeZone: string, now = new Date()): number {
  return Number(
    new Intl.DateTimeFormat("en-US", { timeZone, hour: "numeric", hourCycle: "h23" }).format(now),
  );
}

/** Daily jobs. Every app process runs this; the job table makes each day's run happen once. */
export function startScheduler(app: FastifyInstance): () => void {
  const tick = async () => {
    if (hourIn(app.config.timeZone) < SEND_FROM_HOUR) return;
    try {
      const result = await runDailyReminders(
        { db: app.database.db, mailer: app.mailer, publicUrl: app.config.publicUrl },
        todayIn(app.config.timeZone),
      );
      if (result.ran) app.log.info(result, "daily reminders sent");
      const annual = await runAnnualUpdateReminders(
        { db: app.database.db, mailer: app.mailer, publicUrl: app.config.publicUrl },
        todayIn(app.config.timeZone),
      );
      if (annual.ran) app.log.info(annual, "SIP annual update reminders sent");
    } catch (error) {
      app.log.error({ err: error }, "daily reminders failed");
    }
    try {
      const retention = await runDailyRetention(
        { db: app.database.db, timeZone: app.config.timeZone, log: app.log },
        todayIn(app.config.timeZone),
      );
      if (retention.ran) app.log.info(retention, "retention rules applied");
    } catch (error) {
      app.log.error({ err: error }, "daily retention failed");
    }
  };
  const timer = setInterval(() => void tick(), CHECK_EVERY_MS);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
