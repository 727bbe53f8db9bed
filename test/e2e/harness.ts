import { existsSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { seedDemo } from "../../src/cli/demo.ts";
import { openDatabase } from "../../src/db/client.ts";
import { buildApp } from "../../src/server/app.ts";
import { loadConfig } from "../../src/server/config.ts";

export { browserAvailable, expectNoAxeViolations, launchBrowser } from "./browser.ts";

export const DEMO_PASSWORD = "trellis-demo";
export const PLANNER_EMAIL = "planner@anycounty.example";

const WEB_DIST = path.resolve("web/dist");

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
  await seedDemo(database.db, { password: DEMO_PASSWORD });
  const config = loadConfig({
    webDist: WEB_DIST,
    dataDir: "memory://",
    port: 0,
    host: "127.0.0.1",
    logLevel: "warn",
    cookieSecure: false,
    // Every test signs in; the production limit would turn a long suite into 429s.
    signInRateLimitPerMinute: 1000,
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
  const context: BrowserContext = await browser.newContext({ baseURL: baseUrl, viewport, locale: "en-US" });
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

/** A calendar day `days` from today in local time, as date inputs take it. */
export function isoDay(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}
