import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  browserAvailable,
  expectNoAxeViolations,
  launchBrowser,
  newPage,
  PLANNER_EMAIL,
  type RunningServer,
  signIn,
  startServer,
} from "./harness.ts";

async function heading(page: Page): Promise<string> {
  const h1 = page.getByRole("heading", { level: 1 });
  await h1.waitFor();
  return (await h1.textContent())?.trim() ?? "";
}

describe.skipIf(!browserAvailable)("signed-in shell", () => {
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

  it("signs in, works in Spanish, switches organization and signs out, passing axe on every page", async () => {
    const { context, page, errors } = await newPage(browser, server.baseUrl);
    try {
      await page.goto("/");
      await page.waitForURL("**/sign-in");
      expect(await heading(page)).toBe("Sign in");
      expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
      await expectNoAxeViolations(page, "sign-in page");

      await signIn(page);
      await page.getByRole("heading", { level: 1, name: /^Welcome, / }).waitFor();
      expect(new URL(page.url()).pathname).toBe("/");
      const sections = page.getByRole("navigation", { name: "Sections" });
      await expect(sections.getByRole("link", { name: "Plans" }).isVisible()).resolves.toBe(true);
      // A planner who is not an administrator does not see Admin.
      expect(await sections.getByRole("link", { name: "Admin" }).count()).toBe(0);
      await expectNoAxeViolations(page, "home page");

      await page.getByRole("button", { name: "Español" }).click();
      await page.getByRole("heading", { level: 1, name: /^Le damos la bienvenida, / }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe("es");
      await page
        .getByRole("navigation", { name: "Secciones" })
        .getByRole("link", { name: "Planes" })
        .waitFor();
      await expectNoAxeViolations(page, "home page in Spanish");

      const switcher = page.getByLabel("Organización");
      if ((await switcher.count()) > 0) {
        const options = await switcher.locator("option").allTextContents();
        const current = await switcher.locator("option:checked").textContent();
        const other = options.find((name) => name !== current);
        expect(other).toBeDefined();
        await switcher.selectOption({ label: other ?? "" });
        await page.getByText(`Está trabajando en ${other}`).waitFor();
        expect(await switcher.locator("option:checked").textContent()).toBe(other);
        await expectNoAxeViolations(page, "home page after switching organization");
      }

      await page.getByRole("button", { name: /menú de la cuenta/ }).click();
      await page.getByRole("button", { name: "Cerrar sesión" }).click();
      await page.waitForURL("**/sign-in");
      expect(await heading(page)).toBe("Iniciar sesión");
      await expectNoAxeViolations(page, "sign-in page after signing out");

      // Signed out for real: the app sends us back to sign in.
      await page.goto("/plans");
      await page.waitForURL("**/sign-in?next=%2Fplans");
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("answers a wrong password with the generic error, without saying which part was wrong", async () => {
    const { context, page, errors } = await newPage(browser, server.baseUrl);
    try {
      await page.goto("/sign-in");
      await signIn(page, PLANNER_EMAIL, "not-the-password");
      const alert = page
        .getByRole("alert")
        .filter({ hasText: "The email address or password is not correct." });
      await alert.waitFor();
      expect(new URL(page.url()).pathname).toBe("/sign-in");
      await expectNoAxeViolations(page, "sign-in page with an error");
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("returns to the page that was asked for after signing in", async () => {
    const { context, page, errors } = await newPage(browser, server.baseUrl);
    try {
      await page.goto("/referrals");
      await page.waitForURL("**/sign-in?next=%2Freferrals");
      // Other users than the planner, whose saved language the first test changes.
      await signIn(page, "probation@anycounty.example");
      await page.getByRole("heading", { level: 1, name: "Referrals" }).waitFor();
      expect(new URL(page.url()).pathname).toBe("/referrals");
      await page.getByRole("heading", { name: "Nothing here yet" }).waitFor();
      await expectNoAxeViolations(page, "referrals page");

      await page.goto("/no-such-page");
      expect(await heading(page)).toBe("Page not found");
      await expectNoAxeViolations(page, "not-found page");

      // Still signed in: the sign-in page passes straight through.
      await page.goto("/sign-in");
      await page.getByRole("heading", { level: 1, name: /^Welcome, / }).waitFor();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("offers a working skip link and a mobile menu on a small screen", async () => {
    const { context, page, errors } = await newPage(browser, server.baseUrl, { width: 375, height: 800 });
    try {
      await page.goto("/sign-in");
      await signIn(page, "privacy@anycounty.example");
      await page.getByRole("heading", { level: 1, name: /^Welcome, / }).waitFor();
      // A fresh page load, so focus starts at the top of the document.
      await page.reload();
      await page.getByRole("heading", { level: 1, name: /^Welcome, / }).waitFor();

      await page.keyboard.press("Tab");
      const skip = page.getByRole("link", { name: "Skip to main content" });
      expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.press("Enter");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("main-content");

      await page.getByRole("button", { name: "Menu" }).click();
      const menu = page.getByRole("navigation", { name: "Main menu" });
      await menu.getByRole("link", { name: "Directory" }).click();
      await page.getByRole("heading", { level: 1, name: "Service directory" }).waitFor();
      expect(await menu.isVisible()).toBe(false);
      await expectNoAxeViolations(page, "directory page on a phone");
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
