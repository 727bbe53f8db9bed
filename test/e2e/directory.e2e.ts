import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  browserAvailable,
  expectNoAxeViolations,
  launchBrowser,
  newPage,
  type RunningServer,
  signIn,
  startServer,
} from "./harness.ts";

const CASEWORKER = "caseworker@frc.example";

async function h1(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole("heading", { level: 1, name }).waitFor();
}

describe.skipIf(!browserAvailable)("service directory", () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("a staff member searches, filters, opens a service and prints a resource list in Spanish", async () => {
    const { context, page, errors } = await newPage(browser, server.baseUrl);
    try {
      await page.goto("/sign-in");
      await signIn(page, CASEWORKER);
      await h1(page, /^Welcome, /);
      await page
        .getByRole("navigation", { name: "Sections" })
        .getByRole("link", { name: "Directory" })
        .click();
      await h1(page, "Service directory");
      await page.getByRole("heading", { level: 2, name: /^Services found: \d+$/ }).waitFor();
      await expectNoAxeViolations(page, "directory search");

      // Full-text search, then a category filter.
      await page.getByLabel("Search services").fill("home visits nurse");
      await page.getByRole("button", { name: "Search", exact: true }).click();
      const first = page.locator(".directory-result").first();
      await expect(first.getByRole("link").first().textContent()).resolves.toBe("Nurse-Family Partnership");
      await page.getByLabel("Search services").fill("");
      await page.getByRole("button", { name: "Search", exact: true }).click();
      const category = page.getByLabel("Category");
      const food = await category.locator("option", { hasText: "Food (" }).textContent();
      await category.selectOption({ label: food ?? "" });
      await page.getByRole("heading", { level: 2, name: "Services found: 4" }).waitFor();
      await page.getByLabel("Language spoken").selectOption("pa");
      await page.getByRole("heading", { level: 2, name: "Services found: 1" }).waitFor();
      await page.getByRole("link", { name: "CalFresh Application Help" }).waitFor();
      await expectNoAxeViolations(page, "directory filtered");

      // The service's page: what to call, where, when, in which languages.
      await page.getByRole("link", { name: "CalFresh Application Help" }).click();
      await h1(page, "CalFresh Application Help");
      await page.getByRole("link", { name: "530-555-0192" }).waitFor();
      await page.getByText("45 River Road, Riverside Flats, CA 95903").waitFor();
      await expectNoAxeViolations(page, "service detail");
      await page.getByRole("button", { name: "Add CalFresh Application Help to the resource list" }).click();
      await page
        .getByRole("button", { name: "Remove CalFresh Application Help from the resource list" })
        .waitFor();

      // On a phone the page fits.
      await page.setViewportSize({ width: 375, height: 800 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await expectNoAxeViolations(page, "service detail on a phone");
      await page.setViewportSize({ width: 1280, height: 900 });

      // The resource list, printed in Spanish while the screen stays in English.
      await page.getByRole("link", { name: "Back to the directory" }).click();
      await page.getByRole("link", { name: "Resource list (1)" }).click();
      await h1(page, "Resource list");
      await page.getByRole("heading", { level: 3, name: "CalFresh Application Help" }).waitFor();
      await page.getByLabel("Language of the printed list").selectOption("es");
      const printed = page.locator(".directory-print");
      await printed.getByRole("heading", { level: 2, name: "Servicios para su familia" }).waitFor();
      await expect(printed.getAttribute("lang")).resolves.toBe("es");
      await expect(printed.innerText()).resolves.toContain("Teléfono");
      await expect(printed.innerText()).resolves.toContain("lun, mar, mié, jue, vie 09:00–17:00");
      await expectNoAxeViolations(page, "resource list");
      await page.setViewportSize({ width: 375, height: 800 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await page.setViewportSize({ width: 1280, height: 900 });

      // The whole directory in Spanish.
      await page.getByRole("button", { name: "Español" }).click();
      await h1(page, "Lista de recursos");
      await page.getByRole("link", { name: "Volver al directorio" }).click();
      await h1(page, "Directorio de servicios");
      await page.getByRole("heading", { level: 2, name: /^Servicios encontrados: \d+$/ }).waitFor();
      await expectNoAxeViolations(page, "directory in Spanish");
      await page.setViewportSize({ width: 375, height: 800 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await expectNoAxeViolations(page, "directory search on a phone");
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.getByRole("button", { name: "English" }).click();
      await h1(page, "Service directory");
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
