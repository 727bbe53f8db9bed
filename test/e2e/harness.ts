import { existsSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { seedDemo } from "../../src/cli/demo.ts";
import { openDatabase } from "../../src/db/client.ts";
import { addDays } from "../../src/features/plans/plans.rules.ts";
import { buildApp } from "../../src/server/app.ts";
import { DEFAULT_TIME_ZONE, loadConfig, todayIn } from "../../src/server/config.ts";

export { browserAvailable, expectNoAxeViolations, launchBrowser } from "./browser.ts";

export const DEMO_PASSWORD = "trellis-demo";
export const PLANNER_EMAIL = "planner@anycounty.example";

const WEB_DIST = path.resolve("web/dist");

/**
 * The server's time zone, and the browser's: the tests play a California user on a California deployment, whatever
 * the machine's own zone (CI's is UTC, where after 4 pm in California "today" is already tomorrow).
 */
export const TIME_ZONE = process.env.TRELLIS_TIMEZONE ?? DEFAULT_TIME_ZONE;

export interface RunningServer {
  baseUrl: string;
  close(): Promise<void>;
}

/** The real server, in this process, on a free port, with a fresh in-memory database and the demo data. */
export async function startServer(): Promise<RunningServer> {
  if (!existsSync(path.join(WEB_DIST, "index.html"))) {
    throw new Error("web/dist is missing: run `npm run build:web` first (npm run test:e2e does).");
  }
  const database = await openDatabase({ dataDir: "memory://" });
  await seedDemo(database.db, { password: DEMO_PASSWORD, timeZone: TIME_ZONE });
  const config = loadConfig({
    webDist: WEB_DIST,
    dataDir: "memory://",
    port: 0,
    host: "127.0.0.1",
    logLevel: "warn",
    cookieSecure: false,
    // Every test signs in; the production limit would turn a long suite into 429s.
    signInRateLimitPerMinute: 1000,
    timeZone: TIME_ZONE,
  });
  const app = await buildApp({ database, config, logger: false });
  const address = await app.listen({ port: 0, host: "127.0.0.1" });
  return {
    baseUrl: address,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/**
 * A fresh browser context (no cookies, no stored language) at desktop size, in English. `errors` collects
 * uncaught exceptions and console errors (a CSP refusal shows up there) so tests can assert there are none;
 * failed HTTP answers the test provokes on purpose (401, 400) are not counted.
 */
export async function newPage(browser: Browser, baseUrl: string, viewport = { width: 1280, height: 900 }) {
  const context: BrowserContext = await browser.newContext({
    baseURL: baseUrl,
    viewport,
    locale: "en-US",
    timezoneId: TIME_ZONE,
  });
  const page: Page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
      errors.push(`console: ${message.text()}`);
    }
  });
  return { context, page, errors };
}

export async function signIn(page: Page, email = PLANNER_EMAIL, password = DEMO_PASSWORD): Promise<void> {
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Waits for the page's main heading. */
export async function h1(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole("heading", { level: 1, name }).waitFor();
}

/** A calendar day `days` from today where the deployment is, as date inputs take it. */
export function isoDay(days: number): string {
  return addDays(todayIn(TIME_ZONE), days);
}
