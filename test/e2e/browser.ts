import { existsSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { type Browser, chromium, type Page } from "playwright-core";

/** Debian's Chromium; never a downloaded browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Whether the browser suites can run. On a developer machine without Chromium they are skipped with a
 * message; in CI a missing browser is a failure, not a silent skip.
 */
export const browserAvailable: boolean = (() => {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}; install Debian's chromium or set CHROMIUM_PATH.`,
    );
  }
  console.warn(
    `[e2e] Skipping browser tests: Chromium not found at ${CHROMIUM_PATH}. ` +
      "Install it (apt-get install chromium) or set CHROMIUM_PATH.",
  );
  return false;
})();

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** Runs axe on the page as it is now and fails with a readable list of what is wrong. */
export async function expectNoAxeViolations(page: Page, where?: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  if (results.violations.length === 0) return;
  const report = results.violations
    .map((violation) => {
      const nodes = violation.nodes
        .map(
          (node) =>
            `    - ${node.target.join(" ")}\n      ${(node.failureSummary ?? "").replace(/\n/g, "\n      ")}`,
        )
        .join("\n");
      return `  ${violation.id} [${violation.impact ?? "?"}]: ${violation.help}\n    ${violation.helpUrl}\n${nodes}`;
    })
    .join("\n");
  throw new Error(
    `axe found ${results.violations.length} accessibility violation(s) on ${where ?? page.url()}:\n${report}`,
  );
}
