import type { FastifyInstance } from "fastify";
import { runDailyReminders } from "../features/plans/reminders.ts";
import { runDailyRetention } from "../features/privacy/retention.service.ts";
import { runAnnualUpdateReminders } from "../features/sip/sip.reminders.ts";
import { todayIn } from "./config.ts";
import { dateTimeFormat } from "./intl.ts";

function hourIn(timeZone: string, now = new Date()): number {
  return Number(dateTimeFormat("en-US", { timeZone, hour: "numeric", hourCycle: "h23" }).format(now));
}

/**
 * Daily jobs. Every app process runs this (unless TRELLIS_SCHEDULER=off); the job_runs table makes each
 * day's run of each job happen once across all processes: the first to insert (job, day) does the work.
 * Checks every TRELLIS_JOBS_CHECK_MS (15 minutes), from TRELLIS_JOBS_FROM_HOUR (6 am) local time on, so a
 * process started later in the day still sends the day's digests.
 */
export function startScheduler(app: FastifyInstance): () => void {
  const { schedulerEnabled, jobsCheckIntervalMs, jobsFromHour, timeZone } = app.config;
  if (!schedulerEnabled) {
    app.log.info("scheduler off in this process (TRELLIS_SCHEDULER=off)");
    return () => {};
  }
  let running = false;
  const tick = async () => {
    // A slow run (a big retention day) must not overlap the next check in the same process.
    if (running || hourIn(timeZone) < jobsFromHour) return;
    running = true;
    const today = todayIn(timeZone);
    const ran = { reminders: false, annualUpdateReminders: false, retention: false };
    try {
      try {
        const result = await runDailyReminders(
          { db: app.database.db, mailer: app.mailer, publicUrl: app.config.publicUrl },
          today,
        );
        ran.reminders = result.ran;
        if (result.ran) app.log.info(result, "daily reminders sent");
        const annual = await runAnnualUpdateReminders(
          { db: app.database.db, mailer: app.mailer, publicUrl: app.config.publicUrl },
          today,
        );
        ran.annualUpdateReminders = annual.ran;
        if (annual.ran) app.log.info(annual, "SIP annual update reminders sent");
      } catch (error) {
        app.log.error({ err: error }, "daily reminders failed");
      }
      try {
        const retention = await runDailyRetention({ db: app.database.db, timeZone, log: app.log }, today);
        ran.retention = retention.ran;
        if (retention.ran) app.log.info(retention, "retention rules applied");
      } catch (error) {
        app.log.error({ err: error }, "daily retention failed");
      }
      // false: another process (or an earlier check) has already claimed the job for today.
      app.log.debug({ day: today, ran }, "daily jobs checked");
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), jobsCheckIntervalMs);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
