import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  browserAvailable,
  expectNoAxeViolations,
  h1,
  launchBrowser,
  newPage,
  type RunningServer,
  signIn,
  startServer,
} from "./harness.ts";

const CASEWORKER = "caseworker@frc.example";
/** Any County Child Welfare Services answers on Trellis for its own directory services (referrals.demo.ts). */
const PROVIDER = "admin@anycounty.example";
const PROVIDER_ORGANIZATION = "Any County Child Welfare Services";
const SERVICE = "Bringing Families Home";
const CONTACT = "Keisha Johnson-E2E";

async function fitsAPhone(page: Page, where: string) {
  await page.setViewportSize({ width: 375, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth), where).toBeLessThanOrEqual(375);
  await expectNoAxeViolations(page, `${where} on a phone`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function openFamily(page: Page, name: string) {
  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Families" }).click();
  await h1(page, "Families");
  await page.getByRole("link", { name }).click();
  await h1(page, name);
}

describe.skipIf(!browserAvailable)("closed-loop referrals", () => {
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

  it("a case manager refers a family, the provider accepts and completes it, the case manager sees the outcome", async () => {
    // The case manager finds a service and refers the family, sharing only a few details.
    const worker = await newPage(browser, server.baseUrl);
    try {
      const page = worker.page;
      await page.goto("/sign-in");
      await signIn(page, CASEWORKER);
      await h1(page, /^Welcome, /);
      await openFamily(page, "Johnson family");
      await page.getByRole("heading", { level: 2, name: "Step 3: Linkage to services" }).waitFor();
      // Demo referrals of this family are listed per goal.
      await page.getByRole("link", { name: "State Preschool and Head Start Enrollment" }).waitFor();
      await expectNoAxeViolations(page, "family page with referrals");

      await page.getByRole("button", { name: "Refer to a service" }).click();
      await page.getByLabel("Search the service directory").fill(SERVICE);
      await page.getByRole("button", { name: "Search", exact: true }).click();
      await page.locator("label").filter({ hasText: SERVICE }).first().click();
      await expect(page.getByRole("radio", { name: new RegExp(`^${SERVICE}`) }).isChecked()).resolves.toBe(
        true,
      );
      await page.getByLabel("Which goal does this referral serve?").selectOption({ index: 1 });
      await page.getByLabel("Contact name").fill(CONTACT);
      await page
        .getByLabel("Reason for the referral")
        .fill("Behind on rent after a job loss; eviction notice.");
      await expectNoAxeViolations(page, "refer form");
      await fitsAPhone(page, "refer form");
      await page.getByRole("button", { name: "Send the referral" }).click();
      await page.getByRole("status").filter({ hasText: "Referral sent." }).waitFor();
      await page.getByRole("link", { name: SERVICE }).waitFor();

      // The family has not consented yet (its consent to the county expired): the referral says what the
      // provider cannot see, and the case manager records the family's consent for this referral.
      await page.getByRole("link", { name: SERVICE }).click();
      await h1(page, `Referral to ${SERVICE}`);
      await page.getByRole("heading", { name: `What ${PROVIDER_ORGANIZATION} cannot see yet` }).waitFor();
      await expectNoAxeViolations(page, "referral waiting for consent");
      await page.getByRole("link", { name: /^Record the family's consent/ }).click();
      await h1(page, "Johnson family");
      const consents = page.getByRole("region", { name: "Consents to share" });
      await consents.getByRole("button", { name: "Record a consent" }).click();
      await consents
        .getByRole("group", { name: "Organizations that may receive the information" })
        .getByText(PROVIDER_ORGANIZATION, { exact: true })
        .click();
      await consents.locator("label[for=consent-category-identity_contact]").click();
      await consents.locator("label[for=consent-category-referral_details]").click();
      await consents.getByRole("group", { name: "Purposes" }).getByText("Referral", { exact: true }).click();
      await consents
        .getByRole("group", { name: "How consent was given" })
        .getByText("Typed signature")
        .click();
      await consents.getByLabel("Name as typed by the person signing").fill("Keisha Johnson");
      await consents.getByRole("button", { name: "Save the consent" }).click();
      await page.getByRole("status").filter({ hasText: "Consent recorded." }).waitFor();

      // An off-Trellis referral prints.
      await page.getByRole("link", { name: "State Preschool and Head Start Enrollment" }).click();
      await h1(page, "Referral to State Preschool and Head Start Enrollment");
      await page.getByRole("button", { name: "Print the referral" }).waitFor();
      await expectNoAxeViolations(page, "off-Trellis referral");
      expect(worker.errors).toEqual([]);
    } finally {
      await worker.context.close();
    }

    // The provider answers from its queue: accept, then complete with an outcome.
    const provider = await newPage(browser, server.baseUrl);
    try {
      const page = provider.page;
      await page.goto("/sign-in");
      await signIn(page, PROVIDER);
      await h1(page, /^Welcome, /);
      await page
        .getByRole("navigation", { name: "Sections" })
        .getByRole("link", { name: "Referrals" })
        .click();
      await h1(page, "Referrals");
      const row = page.getByRole("row").filter({ hasText: CONTACT });
      await row.waitFor();
      await expectNoAxeViolations(page, "inbound queue");
      await fitsAPhone(page, "inbound queue");
      await row.getByRole("link", { name: SERVICE }).click();
      await h1(page, `Referral to ${SERVICE}`);
      // The provider sees the shared details, not the family's record.
      await page.getByText(CONTACT).first().waitFor();
      expect(await page.getByText("Johnson family").count()).toBe(0);
      await expectNoAxeViolations(page, "inbound referral");

      await page.locator("label[for=move-accepted]").click();
      await page.getByRole("button", { name: "Save" }).click();
      await page.locator("label[for=move-completed]").click();
      await page.getByLabel("Outcome (required)").fill("Rental assistance approved; eviction stopped.");
      await page.getByRole("button", { name: "Save" }).click();
      await page.getByRole("list", { name: "History" }).getByText("Rental assistance approved").waitFor();
      await expect(page.getByRole("button", { name: "Save" }).count()).resolves.toBe(0);

      await page.getByRole("button", { name: "Español" }).click();
      await h1(page, `Referencia a ${SERVICE}`);
      await expectNoAxeViolations(page, "referral in Spanish");
      await fitsAPhone(page, "referral in Spanish");
      await page.getByRole("button", { name: "English" }).click();
      await h1(page, `Referral to ${SERVICE}`);
      expect(provider.errors).toEqual([]);
    } finally {
      await provider.context.close();
    }

    // The case manager sees the outcome on the family's page and the history on the referral.
    const back = await newPage(browser, server.baseUrl);
    try {
      const page = back.page;
      await page.goto("/sign-in");
      await signIn(page, CASEWORKER);
      await h1(page, /^Welcome, /);
      await openFamily(page, "Johnson family");
      await page.getByText("Rental assistance approved; eviction stopped.").waitFor();
      await page.getByRole("link", { name: SERVICE }).click();
      await h1(page, `Referral to ${SERVICE}`);
      const history = page.getByRole("list", { name: "History" });
      await expect(history.getByRole("listitem").count()).resolves.toBe(3);
      await expectNoAxeViolations(page, "referral seen by the sender");
      await page.getByRole("link", { name: "All referrals" }).click();
      await h1(page, "Referrals");
      await page.getByRole("heading", { level: 2, name: "Figures per provider" }).waitFor();
      await expectNoAxeViolations(page, "referrals page of the sender");
      expect(back.errors).toEqual([]);
    } finally {
      await back.context.close();
    }
  });
});
