import path from "node:path";
import { sql } from "drizzle-orm";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../src/cli/demo.ts";
import { openDatabase } from "../../src/db/client.ts";
import { familyClosures } from "../../src/db/schema/index.ts";
import { buildApp } from "../../src/server/app.ts";
import { loadConfig } from "../../src/server/config.ts";
import {
  browserAvailable,
  DEMO_PASSWORD,
  expectNoAxeViolations,
  h1,
  launchBrowser,
  newPage,
  type RunningServer,
  signIn,
} from "./harness.ts";

/** Harbor Family Resource Center serves the demo families (families.demo.ts). */
const OWNER = "caseworker@frc.example";
/** Made the resource center's privacy officer below: the demo has none there. */
const OWNER_PRIVACY_OFFICER = "supervisor@frc.example";
/** West County CalWORKs, the receiving organization, and one of its staff. */
const RECEIVER = "calworks@westcounty.example";
const RECEIVER_ORGANIZATION = "West County CalWORKs";
const FAMILY = "Johnson family";
const GOAL = "I want Amari in preschool so I can finish my GED.";
/** The smallest valid PNG (1×1, transparent): the server checks a signed form's content against its type. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

/**
 * The real server with the demo data, like harness.startServer, plus one change the journey needs: the
 * closed demo family closed long enough ago for a retention rule to reach it.
 */
async function startServerWithOldClosure(): Promise<RunningServer> {
  const database = await openDatabase({ dataDir: "memory://" });
  await seedDemo(database.db, { password: DEMO_PASSWORD });
  // The closed demo family closed weeks ago; a year and more makes it due under a 12-month retention rule.
  await database.db.update(familyClosures).set({ closedOn: sql`closed_on - 400` });
  const config = loadConfig({
    webDist: path.resolve("web/dist"),
    dataDir: "memory://",
    port: 0,
    host: "127.0.0.1",
    logLevel: "warn",
    cookieSecure: false,
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

/** Follows a download link in the signed-in session and checks the file's type. */
async function expectDownload(page: Page, link: Locator, contentType: string) {
  const href = await link.getAttribute("href");
  expect(href).toBeTruthy();
  const response = await page.request.get(href ?? "");
  expect(response.status(), href ?? "").toBe(200);
  expect(response.headers()["content-type"], href ?? "").toContain(contentType);
}

async function openFamily(page: Page, name: string) {
  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Families" }).click();
  await h1(page, "Families");
  await page.getByRole("link", { name }).click();
  await h1(page, name);
}

async function signedIn(browser: Browser, baseUrl: string, email: string) {
  const session = await newPage(browser, baseUrl);
  await session.page.goto("/sign-in");
  await signIn(session.page, email);
  await h1(session.page, /^Welcome, /);
  return session;
}

describe.skipIf(!browserAvailable)("consent and confidentiality", () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServerWithOldClosure();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("shares what the family consented to, ends it on revocation, and reviews an emergency access", async () => {
    const owner = await signedIn(browser, server.baseUrl, OWNER);
    const receiver = await signedIn(browser, server.baseUrl, RECEIVER);
    try {
      // The family's organization records a consent: identity and the service plan, for service coordination.
      const page = owner.page;
      await openFamily(page, FAMILY);
      const consents = page.getByRole("region", { name: "Consents to share" });
      await consents.getByRole("button", { name: "Record a consent" }).click();
      await consents.getByRole("button", { name: "Save the consent" }).click();
      // Nothing chosen: each group says what is missing, and focus goes to the first.
      await consents.getByText("Choose at least one organization.").waitFor();
      await consents.getByText("Choose how consent was given.").waitFor();
      await expectNoAxeViolations(page, "consent form with errors");

      await consents
        .getByRole("group", { name: "Organizations that may receive the information" })
        .getByText(RECEIVER_ORGANIZATION, { exact: true })
        .click();
      await consents.locator("label[for=consent-category-identity_contact]").click();
      await consents.locator("label[for=consent-category-service_plan]").click();
      await consents.getByRole("group", { name: "Purposes" }).getByText("Service coordination").click();
      await consents
        .getByRole("group", { name: "How consent was given" })
        .getByText("Typed signature")
        .click();
      await consents.getByLabel("Name as typed by the person signing").fill("Keisha Johnson");
      await expectNoAxeViolations(page, "consent form filled in");
      await consents.getByRole("button", { name: "Save the consent" }).click();
      await page.getByRole("status").filter({ hasText: "Consent recorded." }).waitFor();
      const card = consents.getByRole("article", { name: `Shared with ${RECEIVER_ORGANIZATION}` });
      await card.getByText("Valid", { exact: true }).waitFor();
      await card.getByText("Keisha Johnson", { exact: false }).first().waitFor();
      await expect(
        card.getByRole("link", { name: "Printable consent (PDF, Spanish)" }).getAttribute("href"),
      ).resolves.toMatch(/\/api\/consents\/[0-9a-f-]+\/pdf\?locale=es$/);
      await expectNoAxeViolations(page, "family page with a consent");
      await expectDownload(
        page,
        card.getByRole("link", { name: "Printable consent (PDF, English)" }),
        "application/pdf",
      );
      await expectDownload(
        page,
        consents.getByRole("link", { name: "Blank consent form (PDF, Spanish)" }),
        "application/pdf",
      );

      // A consent given on a signed form: the file is checked here, uploaded with the consent, downloadable.
      await consents.getByRole("button", { name: "Record a consent" }).click();
      await consents
        .getByRole("group", { name: "Organizations that may receive the information" })
        .getByText("Any County Probation Department", { exact: true })
        .click();
      await consents.locator("label[for=consent-category-assessment]").click();
      await consents.getByRole("group", { name: "Purposes" }).getByText("Joint case planning").click();
      await consents.getByRole("group", { name: "How consent was given" }).getByText("Signed form").click();
      const file = consents.locator("#consent-file");
      await file.setInputFiles({
        name: "note.txt",
        mimeType: "text/plain",
        buffer: Buffer.from("not a form"),
      });
      await consents.getByText("The signed form must be a PDF, PNG or JPEG file.").waitFor();
      await file.setInputFiles({ name: "signed-consent.png", mimeType: "image/png", buffer: PNG });
      await consents.getByRole("button", { name: "Save the consent" }).click();
      const signed = consents.getByRole("article", { name: "Shared with Any County Probation Department" });
      const download = signed.getByRole("link", { name: "Download the signed form (signed-consent.png)" });
      const href = await download.getAttribute("href");
      const response = await page.request.get(href ?? "");
      expect(response.status()).toBe(200);
      expect(Buffer.from(await response.body()).equals(PNG)).toBe(true);

      // Revoked meanwhile from elsewhere (here: the API, with the version the page holds): the page says so.
      const consentId = (href ?? "").split("/")[3] ?? "";
      const me = (await (await page.request.get("/api/me")).json()) as { csrfToken: string };
      const elsewhere = await page.request.post(`/api/consents/${consentId}/revocation`, {
        headers: { "x-csrf-token": me.csrfToken },
        data: { reason: "Recorded for the wrong family.", version: 1 },
      });
      expect(elsewhere.status()).toBe(200);
      await signed.getByRole("button", { name: "Revoke this consent" }).click();
      await signed.getByLabel("Reason for revoking (required)").fill("The family changed its mind.");
      await signed.getByRole("button", { name: "Revoke the consent" }).click();
      await signed.getByText(/^Someone else changed this consent in the meantime/).waitFor();
      await signed.getByText("Revoked", { exact: true }).waitFor();
      await signed.getByText(/Recorded for the wrong family\./).waitFor();

      // Program records: held by the family's organization, shared only with consent.
      const records = page.getByRole("region", { name: "Program records" });
      await records.getByLabel("Type of record").selectOption("child_welfare_history");
      await records.getByLabel("Summary").fill("One closed referral in 2023; no open case.");
      await records.getByRole("button", { name: "Save the record" }).click();
      await records.getByRole("table").getByText("One closed referral in 2023; no open case.").waitFor();
      await expectNoAxeViolations(page, "family page with program records");
      await page.getByRole("button", { name: "Español" }).click();
      await page.getByRole("heading", { level: 2, name: "Consentimientos para compartir" }).waitFor();
      await page.getByRole("heading", { level: 2, name: "Registros de programas" }).waitFor();
      await expectNoAxeViolations(page, "family page in Spanish");
      await page.getByRole("button", { name: "English" }).click();
      await page.getByRole("heading", { level: 2, name: "Consents to share" }).waitFor();
      expect(owner.errors).toEqual([]);

      // The receiving organization sees the consented sections, and why the others are withheld.
      const r = receiver.page;
      await r
        .getByRole("navigation", { name: "Sections" })
        .getByRole("link", { name: "Shared with us" })
        .click();
      await h1(r, "Shared with us");
      const row = r.getByRole("row").filter({ hasText: FAMILY });
      await row.getByText("Service plan: Service coordination").waitFor();
      await expectNoAxeViolations(r, "shared with us");
      await row.getByRole("link", { name: FAMILY }).click();
      await h1(r, FAMILY);
      await r.getByRole("region", { name: "Service plan" }).getByText(GOAL).waitFor();
      await r
        .getByRole("region", { name: "Assessments" })
        .getByText("The family has not consented to share assessments with your organization.")
        .waitFor();
      await expectNoAxeViolations(r, "shared family");

      // Another purpose is not covered: nothing can be read for it.
      await r.getByLabel("Purpose of reading").selectOption("referral");
      await r.getByRole("button", { name: "Show" }).click();
      await h1(r, "Access ended");
      await r
        .getByText("The family's consent does not cover sharing the service plan for this purpose.")
        .waitFor();
      await expectNoAxeViolations(r, "shared family, purpose not covered");
      await r.getByLabel("Purpose of reading").selectOption("service_coordination");
      await r.getByRole("button", { name: "Show" }).click();
      await h1(r, FAMILY);

      // The family's organization revokes the consent.
      await card.getByRole("button", { name: "Revoke this consent" }).click();
      await card.getByRole("button", { name: "Revoke the consent" }).click();
      await card.getByText("Say why the consent is revoked.").waitFor();
      await card.getByLabel("Reason for revoking (required)").fill("The family asked to stop sharing.");
      await card.getByRole("button", { name: "Revoke the consent" }).click();
      await card.getByText("Revoked", { exact: true }).waitFor();
      await card.getByText(/The family asked to stop sharing\./).waitFor();
      await expectNoAxeViolations(page, "family page with a revoked consent");

      // Access ends on the receiver's next request, with the reason.
      await r.reload();
      await h1(r, "Access ended");
      await r.getByText(/The family revoked its consent to share the service plan on /).waitFor();
      await expectNoAxeViolations(r, "access ended");

      // Emergency access: logged, with a reason of at least 20 characters.
      await r.getByRole("button", { name: "Request emergency access" }).click();
      await r.getByLabel("Reason for emergency access (required)").fill("Urgent");
      await r.getByRole("button", { name: "Open the record in an emergency" }).click();
      await r.getByText("Explain the emergency in at least 20 characters.").waitFor();
      await r
        .getByLabel("Reason for emergency access (required)")
        .fill("Child reported unsafe at school today; we need the household contacts now.");
      await expectNoAxeViolations(r, "break-glass form");
      await r.getByRole("button", { name: "Open the record in an emergency" }).click();
      await h1(r, FAMILY);
      await r.getByRole("alert").filter({ hasText: "Emergency access without consent" }).waitFor();
      await r.getByRole("region", { name: "Service plan" }).getByText(GOAL).waitFor();
      await expectNoAxeViolations(r, "record opened in an emergency");

      // In Spanish too.
      await r.getByRole("button", { name: "Español" }).click();
      await r.getByRole("alert").filter({ hasText: "Acceso de emergencia sin consentimiento" }).waitFor();
      await expectNoAxeViolations(r, "record opened in an emergency, in Spanish");
      await r.getByRole("button", { name: "English" }).click();
      expect(receiver.errors).toEqual([]);
    } finally {
      await owner.context.close();
      await receiver.context.close();
    }

    // The privacy officer of the family's organization reviews the emergency access.
    const officer = await signedIn(browser, server.baseUrl, OWNER_PRIVACY_OFFICER);
    try {
      const page = officer.page;
      // Admin is in the side navigation of administrators only: a privacy officer goes from the family's page.
      await openFamily(page, FAMILY);
      await page.getByRole("link", { name: "Review emergency accesses and the audit log" }).click();
      await h1(page, "Administration");
      const access = page.getByRole("article", { name: `${FAMILY}, opened by ${RECEIVER_ORGANIZATION}` });
      await access.getByText("Child reported unsafe at school today").waitFor();
      await expectNoAxeViolations(page, "break-glass review");
      await access.getByText("Justified", { exact: true }).click();
      await access.getByRole("button", { name: "Save the review" }).click();
      await access.getByText("Write a note on the review.").waitFor();
      await access.getByLabel("Note (required)").fill("Confirmed with the school.");
      await access.getByRole("button", { name: "Save the review" }).click();
      // Reviewed accesses leave the pending list; they are under "Reviewed".
      await page.getByText("No emergency accesses to review.").waitFor();
      await page.getByText("Reviewed", { exact: true }).click();
      await access.getByText("Confirmed with the school.").waitFor();
      await expectNoAxeViolations(page, "break-glass reviewed");
      await page.getByRole("button", { name: "Español" }).click();
      await page.getByRole("heading", { level: 2, name: "Revisión de accesos de emergencia" }).waitFor();
      await expectNoAxeViolations(page, "break-glass review in Spanish");
      await page.getByRole("button", { name: "English" }).click();
      await page.getByRole("heading", { level: 2, name: "Break-glass review" }).waitFor();

      // Retention: the rules, and a dry run of what they would change.
      await page.getByRole("link", { name: "Retention" }).click();
      await page.getByLabel("After how many months").first().waitFor();
      await expectNoAxeViolations(page, "retention rules");
      await page.getByRole("button", { name: "Preview" }).click();
      await page.getByRole("table", { name: "What would change" }).waitFor();
      await page.getByText("Nothing to change today.").waitFor();
      await expectNoAxeViolations(page, "retention preview");
      // Closed families after 12 months: the closed demo family is due; applying anonymizes it.
      await page.locator("#retention-closed_family-months").fill("12");
      await page.locator("label[for=retention-closed_family-enabled]").click();
      await page.getByRole("button", { name: "Save closed family records" }).click();
      await page.getByText("Rule saved.").waitFor();
      await page.getByRole("button", { name: "Preview" }).click();
      await page
        .getByRole("table", { name: "Records that would change (1)" })
        .getByText("Thompson family")
        .waitFor();
      await page.getByRole("button", { name: "Apply now" }).click();
      await page.getByRole("heading", { name: "Apply retention now?" }).waitFor();
      await expectNoAxeViolations(page, "retention confirmation");
      await page.getByRole("button", { name: "Yes, apply now" }).click();
      await page.getByText("Retention applied.").waitFor();

      // The audit log shows the emergency read, and offers the same events as CSV.
      await page.getByRole("link", { name: "Audit log" }).click();
      await page.getByLabel("Action").fill("family.shared.read");
      await page.getByRole("button", { name: "Apply filters" }).click();
      await page.getByRole("table").getByText("family.shared.read").first().waitFor();
      await expect(
        page.getByRole("link", { name: "Download these events as CSV" }).getAttribute("href"),
      ).resolves.toBe("/api/audit-events.csv?action=family.shared.read");
      await expectNoAxeViolations(page, "filtered audit log");
      await expectDownload(
        page,
        page.getByRole("link", { name: "Download these events as CSV" }),
        "text/csv",
      );

      // Who saw this record: the family's page lists the receiver's reads.
      await openFamily(page, FAMILY);
      const privacy = page.getByRole("region", { name: "Privacy" });
      await privacy.getByRole("table").getByText(RECEIVER_ORGANIZATION).first().waitFor();
      await expectNoAxeViolations(page, "family page privacy section");
      await expectDownload(
        page,
        privacy.getByRole("link", { name: "Access report (PDF, Spanish)" }),
        "application/pdf",
      );
      await expectDownload(
        page,
        privacy.getByRole("link", { name: "The family's record (PDF, English)" }),
        "application/pdf",
      );
      await expectDownload(
        page,
        privacy.getByRole("link", { name: "The family's record (JSON data)" }),
        "application/json",
      );
      expect(officer.errors).toEqual([]);
    } finally {
      await officer.context.close();
    }
  });

  it("tells a referral's receiver which shared details the family's consent does not cover", async () => {
    // Any County receives the Morales family's referral, but the family consented to share only with CalWORKs.
    const provider = await signedIn(browser, server.baseUrl, "admin@anycounty.example");
    try {
      const page = provider.page;
      await page
        .getByRole("navigation", { name: "Sections" })
        .getByRole("link", { name: "Referrals" })
        .click();
      await h1(page, "Referrals");
      await page.getByText("Also show answered and closed referrals").click();
      await page.getByRole("link", { name: "Bringing Families Home" }).first().click();
      await h1(page, "Referral to Bringing Families Home");
      await page
        .getByText(
          "The family has not consented to share identity and contact details with your organization.",
        )
        .waitFor();
      await page
        .getByText("The family has not consented to share referral details with your organization.")
        .waitFor();
      await expectNoAxeViolations(page, "referral with withheld details");
      expect(provider.errors).toEqual([]);
    } finally {
      await provider.context.close();
    }
  });
});
