import path from "node:path";
import { dateTimeFormat } from "./intl.ts";

/** Everything Trellis reads from the environment, in one typed place. */
export interface Config {
  port: number;
  host: string;
  /** postgres://… switches from the embedded engine to PostgreSQL. */
  databaseUrl: string | undefined;
  /** PostgreSQL connections each app process keeps at most (pg.Pool max). */
  databasePoolSize: number;
  /** PGlite data directory; "memory://" keeps everything in memory (tests). */
  dataDir: string;
  /** Built web app to serve; undefined serves the API only. */
  webDist: string | undefined;
  /** Public base URL used in links sent by e-mail (invitations, password resets). */
  publicUrl: string;
  bodyLimitBytes: number;
  /** Mark the session cookie Secure. "auto" follows the request protocol (behind TLS or a TLS proxy). */
  cookieSecure: boolean | "auto";
  trustProxy: boolean;
  smtpUrl: string | undefined;
  mailFrom: string;
  demoPassword: string;
  sessionTtlHours: number;
  logLevel: string;
  /** The calendar day of due dates and reminders is the day in this time zone. */
  timeZone: string;
  /** Sign-in attempts per IP per minute before 429. */
  signInRateLimitPerMinute: number;
  /** The HSDS read API under /hsds: open to anyone, or only to callers with an API token. */
  hsdsApiAccess: "public" | "token";
  /** HSDS API requests per IP per minute before 429. */
  hsdsRateLimitPerMinute: number;
  /** Whether this process runs the daily jobs (reminders, retention); job_runs makes each run once anyway. */
  schedulerEnabled: boolean;
  /** How often the scheduler checks whether today's jobs are due. */
  jobsCheckIntervalMs: number;
  /** The daily jobs run from this hour (0–23, local time in timeZone) on. */
  jobsFromHour: number;
}

function intFromEnv(value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const parsed = Number.parseInt(value, 10);
  if (!Number.isFinite(parsed)) throw new Error(`Expected an integer, got "${value}"`);
  return parsed;
}

export function loadConfig(overrides: Partial<Config> = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const port = intFromEnv(env.PORT, 3000);
  const base: Config = {
    port,
    host: env.HOST ?? "0.0.0.0",
    databaseUrl: env.DATABASE_URL || undefined,
    databasePoolSize: intFromEnv(env.TRELLIS_DB_POOL_SIZE, 20),
    dataDir: env.TRELLIS_DATA_DIR ?? path.resolve("data"),
    webDist: env.TRELLIS_WEB_DIST ?? path.resolve("web/dist"),
    publicUrl: env.TRELLIS_PUBLIC_URL ?? `http://localhost:${port}`,
    bodyLimitBytes: intFromEnv(env.TRELLIS_BODY_LIMIT_BYTES, 1024 * 1024),
    cookieSecure:
      env.TRELLIS_COOKIE_SECURE === "true" ? true : env.TRELLIS_COOKIE_SECURE === "false" ? false : "auto",
    trustProxy: env.TRELLIS_TRUST_PROXY === "true",
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.TRELLIS_MAIL_FROM ?? "Trellis <no-reply@trellis.example>",
    demoPassword: env.TRELLIS_DEMO_PASSWORD ?? "trellis-demo",
    sessionTtlHours: intFromEnv(env.TRELLIS_SESSION_TTL_HOURS, 12),
    logLevel: env.LOG_LEVEL ?? "info",
    timeZone: env.TRELLIS_TIMEZONE ?? DEFAULT_TIME_ZONE,
    signInRateLimitPerMinute: intFromEnv(env.TRELLIS_SIGNIN_RATE_LIMIT, 30),
    hsdsApiAccess: env.TRELLIS_HSDS_API === "token" ? "token" : "public",
    hsdsRateLimitPerMinute: intFromEnv(env.TRELLIS_HSDS_RATE_LIMIT, 300),
    schedulerEnabled: env.TRELLIS_SCHEDULER !== "off",
    jobsCheckIntervalMs: intFromEnv(env.TRELLIS_JOBS_CHECK_MS, 15 * 60_000),
    jobsFromHour: intFromEnv(env.TRELLIS_JOBS_FROM_HOUR, 6),
  };
  if (base.databasePoolSize < 1) throw new Error("TRELLIS_DB_POOL_SIZE must be at least 1");
  if (base.jobsCheckIntervalMs < 1) throw new Error("TRELLIS_JOBS_CHECK_MS must be at least 1");
  if (base.jobsFromHour < 0 || base.jobsFromHour > 23) throw new Error("TRELLIS_JOBS_FROM_HOUR must be 0–23");
  return { ...base, ...overrides };
}

/** Where Trellis is used unless TRELLIS_TIMEZONE says otherwise. */
export const DEFAULT_TIME_ZONE = "America/Los_Angeles";

/** Today's date (YYYY-MM-DD) in the configured time zone. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return dateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}
