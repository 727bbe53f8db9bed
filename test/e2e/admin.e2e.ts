import type { Browser } from "playwright-core";
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

const ADMIN_EMAIL = "admin@anycounty.example";

describe.skipIf(!browserAvailable)("organization administration", () => {
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

  it("invites a member who then joins through the link, with tokens, outbox and audit log on the way", async () => {
    const { context, page, errors } = await newPage(browser, server.baseUrl);
    let invitationPath = "";
    try {
      await page.goto("/sign-in");
      await signIn(page, ADMIN_EMAIL);
      await page.getByRole("heading", { level: 1, name: /^Welcome, / }).waitFor();
      await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Admin" }).click();

      await page.getByRole("heading", { level: 1, name: "Administration" }).waitFor();
      await page.getByRole("rowheader", { name: /Alex Rivera/ }).waitFor();
      await expectNoAxeViolations(page, "admin members");

      await page.getByLabel("Email address").fill("new.member@anycounty.example");
      await page.getByLabel("Role").selectOption("staff");
      await page.getByRole("button", { name: "Send invitation" }).click();
      const link = page.getByLabel("Invitation link");
      await link.waitFor();
      invitationPath = new URL(await link.inputValue()).pathname;
      expect(invitationPath).toMatch(/^\/invitations\/.+/);
      await expectNoAxeViolations(page, "admin members after inviting");

      await page.getByRole("link", { name: "Outbox" }).click();
      await page.getByRole("cell", { name: "new.member@anycounty.example" }).waitFor();
      await expectNoAxeViolations(page, "admin outbox");

      await page.getByRole("link", { name: "API tokens" }).click();
      await page.getByLabel("Token name").fill("Nightly export");
      await page.getByRole("button", { name: "Create token" }).click();
      const secret = page.getByLabel("New API token");
      await secret.waitFor();
      expect((await secret.inputValue()).length).toBeGreaterThan(20);
      await expectNoAxeViolations(page, "admin API tokens with a new secret");
      page.once("dialog", (dialog) => void dialog.accept());
      await page.getByRole("button", { name: "Revoke Nightly export" }).click();
      await page.getByText(/^Revoked /).waitFor();

      await page.getByRole("link", { name: "Audit log" }).click();
      await page.getByLabel("Action").fill("organization.api_token.revoke");
      await page.getByRole("button", { name: "Apply filters" }).click();
      await page.getByRole("table").getByText("organization.api_token.revoke").first().waitFor();
      expect(await page.getByRole("table").getByText("auth.sign_in").count()).toBe(0);
      await expectNoAxeViolations(page, "admin audit log");
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }

    const invited = await newPage(browser, server.baseUrl);
    try {
      await invited.page.goto(invitationPath);
      await invited.page.getByText("Any County Child Welfare Services").waitFor();
      await expectNoAxeViolations(invited.page, "accept invitation");
      await invited.page.getByLabel("Full name").fill("Nia Member");
      await invited.page.getByLabel("New password", { exact: true }).fill("a long enough password");
      await invited.page.getByLabel("Type the new password again").fill("a long enough password");
      await invited.page.getByRole("button", { name: "Create account and join" }).click();
      await invited.page.getByRole("heading", { level: 1, name: "Welcome, Nia Member" }).waitFor();
      expect(invited.errors).toEqual([]);
    } finally {
      await invited.context.close();
    }
  });

  it("keeps the admin area to administrators", async () => {
    const { context, page, errors } = await newPage(browser, server.baseUrl);
    try {
      await page.goto("/admin/members");
      await page.waitForURL("**/sign-in?next=%2Fadmin%2Fmembers");
      await signIn(page);
      await page.getByRole("heading", { level: 1, name: "Not available" }).waitFor();
      await expectNoAxeViolations(page, "admin page for a non-administrator");
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("tells a user whose current password is wrong, on the account page", async () => {
    const { context, page, errors } = await newPage(browser, server.baseUrl);
    try {
      await page.goto("/sign-in");
      await signIn(page);
      await page.getByRole("heading", { level: 1, name: /^Welcome, / }).waitFor();
      await page.getByRole("button", { name: /account menu/ }).click();
      await page.getByRole("link", { name: "Account settings" }).click();
      await page.getByRole("heading", { level: 1, name: "Account settings" }).waitFor();
      await page.getByLabel("Current password").fill("not my password");
      await page.getByLabel("New password", { exact: true }).fill("another long password");
      await page.getByLabel("Type the new password again").fill("another long password");
      await page.getByRole("button", { name: "Change password" }).click();
      await page.getByRole("alert").filter({ hasText: "The current password is not correct." }).waitFor();
      await expectNoAxeViolations(page, "account page with an error");
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
