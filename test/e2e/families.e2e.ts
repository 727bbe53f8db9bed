import { readFile } from "node:fs/promises";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  browserAvailable,
  expectNoAxeViolations,
  h1,
  isoDay,
  launchBrowser,
  newPage,
  type RunningServer,
  signIn,
  startServer,
} from "./harness.ts";

const CASEWORKER = "caseworker@frc.example";
const SUPERVISOR = "supervisor@frc.example";
const FAMILY = "Reyes family";
const DOMAINS = [
  "housing",
  "income_employment",
  "food",
  "child_care",
  "physical_health",
  "mental_health",
  "substance_use",
  "family_safety",
  "parenting_child_development",
  "social_support",
  "transportation",
  "legal",
];

async function pdfText(file: Buffer): Promise<string> {
  const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const pdf = await getDocument({ data: new Uint8Array(file) }).promise;
  const page = await pdf.getPage(1);
  return (await page.getTextContent()).items.map((i) => ("str" in i ? i.str : "")).join(" ");
}

describe.skipIf(!browserAvailable)("family support coordination", () => {
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

  it("takes a family from intake through assessment, plan, a referral, contacts and closure, and prints the plan in Spanish", async () => {
    const { context, page, errors } = await newPage(browser, server.baseUrl);
    try {
      await page.goto("/sign-in");
      await signIn(page, CASEWORKER);
      await h1(page, /^Welcome, /);

      await page
        .getByRole("navigation", { name: "Sections" })
        .getByRole("link", { name: "Families" })
        .click();
      await h1(page, "Families");
      await page.getByRole("link", { name: "Morales family" }).waitFor();
      await expectNoAxeViolations(page, "families list");

      // Search by date of birth finds the demo family with that member.
      await page.getByLabel("Date of birth").fill("1993-02-27");
      await page.getByRole("button", { name: "Search" }).click();
      await page
        .getByRole("table", { name: "Families (1)" })
        .getByRole("link", { name: "Morales family" })
        .waitFor();

      // Intake.
      await page.getByRole("link", { name: "New family (intake)" }).click();
      await h1(page, "New family (intake)");
      await expectNoAxeViolations(page, "intake");
      await page.getByLabel("Family name").fill(FAMILY);
      await page.getByLabel("Preferred language").selectOption("es");
      await page.getByLabel("Phone").fill("(555) 640-1122");
      await page.getByLabel("Referred by").fill("WIC office");
      await page.locator("#member-0-first").fill("Carmen");
      await page.locator("#member-0-last").fill("Reyes");
      await page.locator("#member-0-dob").fill("1991-05-20");
      await page.locator("#member-1-first").fill("Mía");
      await page.locator("#member-1-last").fill("Reyes");
      await page.locator("#member-1-dob").fill(isoDay(-600));
      await page.getByRole("button", { name: "Save intake" }).click();
      await h1(page, FAMILY);
      const familyPath = new URL(page.url()).pathname;
      expect(familyPath).toMatch(/^\/families\/[0-9a-f-]{36}$/);
      await page.getByText("Under 5").waitFor();
      await expectNoAxeViolations(page, "new family");

      // The same mother typed differently at a second intake is caught before anything is saved.
      await page.goto("/families/new");
      await h1(page, "New family (intake)");
      await page.getByLabel("Family name").fill("Carmen Reyez");
      await page.locator("#member-0-first").fill("Carmen");
      await page.locator("#member-0-last").fill("Reyez");
      await page.locator("#member-0-dob").fill("1991-05-20");
      await page.getByRole("button", { name: "Save intake" }).click();
      await page.getByRole("heading", { name: "This family may already be on record" }).waitFor();
      await expectNoAxeViolations(page, "duplicate warning");
      expect(await page.getByRole("alert").getByRole("link", { name: FAMILY }).getAttribute("href")).toBe(
        familyPath,
      );
      // Saved anyway by mistake, then merged into the family it duplicates.
      await page.getByRole("button", { name: "They are different people: save this family" }).click();
      await h1(page, "Carmen Reyez");
      await page.goto(familyPath);
      await h1(page, FAMILY);
      await page.getByText("Merge a duplicate record into this family").click();
      await page.getByLabel("Find the duplicate by name").fill("Reyez");
      await page.getByRole("button", { name: "Search" }).click();
      await page.getByRole("button", { name: "Merge Carmen Reyez into this family" }).click();
      await page.getByText("Carmen Reyez was merged into this family.").waitFor();
      await page.getByRole("table", { name: "Household members" }).getByRole("row").nth(3).waitFor();
      await expectNoAxeViolations(page, "after merging a duplicate");

      // After intake: a newborn joins the household, and the mother's date of birth is corrected.
      await page.getByRole("button", { name: "Add a household member" }).click();
      await page.locator("#member-first").fill("Luz");
      await page.locator("#member-last").fill("Reyes");
      await page.locator("#member-dob").fill(isoDay(-10));
      await expectNoAxeViolations(page, "add a household member");
      await page.getByRole("button", { name: "Add member", exact: true }).click();
      await page.getByText("Luz Reyes was added to the household.").waitFor();
      const members = page.getByRole("table", { name: "Household members" });
      await members.getByRole("row").filter({ hasText: "Luz Reyes" }).getByText("Under 5").waitFor();
      await page.getByRole("button", { name: "Edit Carmen Reyes", exact: true }).click();
      expect(await page.locator("#member-dob").inputValue()).toBe("1991-05-20");
      await page.locator("#member-dob").fill("1991-05-21");
      await page.getByRole("button", { name: "Save changes" }).click();
      await page.getByText("Carmen Reyes was saved.").waitFor();
      await members
        .getByRole("row")
        .filter({ hasText: "Carmen Reyes" })
        .getByText(/May 21, 1991/)
        .waitFor();
      await expectNoAxeViolations(page, "after correcting a member");

      // The household's own details: a new phone number.
      await page.getByRole("button", { name: "Edit household details" }).click();
      await page.getByLabel("Phone", { exact: true }).fill("(555) 010-7777");
      await expectNoAxeViolations(page, "household details form");
      await page.getByRole("button", { name: "Save details" }).click();
      await page.getByText("Household details saved.").waitFor();
      await page.getByText("(555) 010-7777").first().waitFor();

      // Step 1: assessment with the crisis screen.
      await page.getByRole("button", { name: "Start the assessment" }).click();
      for (const key of DOMAINS)
        await page.locator(`#score-${key}`).selectOption(key === "housing" ? "1" : "3");
      await page.locator('label[for="crisis-housing_loss"]').click();
      await expectNoAxeViolations(page, "assessment form");
      await page.getByRole("button", { name: "Save assessment" }).click();
      await page.getByRole("table", { name: /Scores by domain over time/ }).waitFor();
      await page.getByText("The latest assessment suggests Intensive case management.").waitFor();

      // Intensity: the case manager decides and says why.
      await page.locator('label[for="intensity-intensive"]').click();
      await page.getByLabel("Why (in a sentence or two)").fill("Lost their apartment last week.");
      await page.getByRole("button", { name: "Record decision" }).click();
      await page.getByText("The decision was recorded.").waitFor();

      // A reassessment: the change per domain shows as a small chart with the change in words.
      await page.getByRole("button", { name: "Reassess" }).click();
      for (const key of DOMAINS)
        await page.locator(`#score-${key}`).selectOption(key === "housing" ? "2" : "3");
      await page.getByRole("button", { name: "Save assessment" }).click();
      const housingRow = page
        .getByRole("table", { name: /Scores by domain over time/ })
        .getByRole("row", { name: /^Housing/ });
      await housingRow.getByText("Up 1").waitFor();
      await expectNoAxeViolations(page, "after a reassessment");

      // Step 2: the service plan, written with the family.
      await page.getByRole("button", { name: "Write the service plan" }).click();
      await page.getByLabel("The goal, in the family's own words").fill("Queremos un lugar propio y seguro.");
      await page.getByLabel("Area of need").selectOption("housing");
      await page.locator("#goal-0-step-0-action").fill("Apply for rapid rehousing");
      await page.locator("#goal-0-step-0-who").fill("Carmen with Rosa");
      await page.locator("#goal-0-step-0-when").fill("This week");
      await page.getByLabel("Services needed").fill("Rapid rehousing\nFood bank");
      await page.getByLabel("When the family expects to move on").fill("After three months housed");
      await page.getByLabel("How they will move on").fill("Monthly visits, then a last visit");
      await page.getByLabel("What they will need").fill("The 211 number and the list of contacts");
      await expectNoAxeViolations(page, "service plan form");
      await page.getByRole("button", { name: "Save the plan" }).click();
      await page.getByRole("heading", { name: "Goal 1: Queremos un lugar propio y seguro." }).waitFor();

      // Step 3: linkage — a referral to a housing service for the plan's goal.
      await page.getByRole("button", { name: "Refer to a service" }).click();
      const directorySearch = page.getByLabel("Search the service directory");
      await directorySearch.fill("Bringing Families Home");
      // The merge section has a search of its own: take the button beside the directory search.
      await page
        .locator("fieldset, form, section")
        .filter({ has: directorySearch })
        .last()
        .getByRole("button", { name: "Search", exact: true })
        .click();
      await page.locator("label").filter({ hasText: "Bringing Families Home" }).first().click();
      await page.getByLabel("Which goal does this referral serve?").selectOption({ index: 1 });
      await page.getByLabel("Reason for the referral").fill("Lost their apartment; staying with relatives.");
      await page.getByRole("button", { name: "Send the referral" }).click();
      await page.getByRole("status").filter({ hasText: "Referral sent." }).waitFor();
      await page.getByRole("link", { name: "Bringing Families Home" }).waitFor();

      // Step 4: a contact, with how a service is working.
      await page.getByLabel("Kind").selectOption("home_visit");
      await page.getByLabel("Minutes").fill("45");
      await page
        .getByLabel("Notes", { exact: true })
        .last()
        .fill("Visited at the shelter; application sent.");
      await page
        .getByLabel("Rapid rehousing: is it right for the family and helping?")
        .selectOption("helpful");
      await page.getByRole("button", { name: "Save contact" }).click();
      await page.getByRole("cell", { name: "Visited at the shelter; application sent." }).waitFor();
      await expectNoAxeViolations(page, "family with plan and contact");

      // The printable plan in Spanish.
      const spanishPdf = page.getByRole("link", { name: "Imprimir el plan (PDF, español)" });
      expect(await spanishPdf.getAttribute("href")).toMatch(/\/service-plan\.pdf\?locale=es$/);
      const downloading = page.waitForEvent("download");
      await spanishPdf.click();
      const download = await downloading;
      const file = await readFile((await download.path()) ?? "");
      expect(file.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      const text = await pdfText(file);
      expect(text).toContain("Plan de servicios de nuestra familia");
      expect(text).toContain("Queremos un lugar propio y seguro.");

      // On a phone, and in Spanish.
      await page.setViewportSize({ width: 375, height: 800 });
      await page.getByRole("heading", { name: /Step 4/ }).scrollIntoViewIfNeeded();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await expectNoAxeViolations(page, "family on a phone");
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.getByRole("button", { name: "Español" }).click();
      await page
        .getByRole("heading", { level: 2, name: "Paso 1: Evaluación de fortalezas y necesidades" })
        .waitFor();
      await expectNoAxeViolations(page, "family in Spanish");
      await page.getByRole("button", { name: "English" }).click();
      await page
        .getByRole("heading", { level: 2, name: "Step 1: Assessment of strengths and needs" })
        .waitFor();

      // Step 5: disengagement, then reopening.
      await page.getByRole("button", { name: "Close the case" }).click();
      await page.getByLabel("Goals met", { exact: true }).fill("Housed; food bank every week.");
      await page.getByLabel("Plan for keeping the progress").fill("Keep the budget and the lease.");
      await page.getByLabel("Needs the family may have later").fill("Preschool for Mía.");
      await page.getByLabel("Where to seek help").fill("Harbor FRC front desk, 211.");
      await expectNoAxeViolations(page, "closure form");
      await page.getByRole("button", { name: "Close the case" }).click();
      await page.getByText(/^Closed on /).waitFor();
      await page
        .getByRole("navigation", { name: "Steps of case management" })
        .getByText("Disengagement")
        .waitFor();
      await page.getByLabel("Why the case is reopened").fill("Lost the apartment again.");
      await page.getByRole("button", { name: "Reopen the case" }).click();
      await page.getByRole("button", { name: "Close the case" }).waitFor();

      // My caseload: crises first.
      await page.goto("/caseload");
      await h1(page, "My caseload");
      await page.getByRole("link", { name: FAMILY }).waitFor();
      await expectNoAxeViolations(page, "my caseload");

      // The other pages on a phone.
      await page.setViewportSize({ width: 375, height: 800 });
      const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
      expect(await pageWidth()).toBeLessThanOrEqual(375);
      await expectNoAxeViolations(page, "my caseload on a phone");
      await page.goto("/families");
      await h1(page, "Families");
      await page.getByRole("link", { name: FAMILY }).waitFor();
      expect(await pageWidth()).toBeLessThanOrEqual(375);
      await expectNoAxeViolations(page, "families on a phone");
      await page.goto("/families/new");
      await h1(page, "New family (intake)");
      expect(await pageWidth()).toBeLessThanOrEqual(375);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("shows a supervisor every worker's caseload", async () => {
    const { context, page, errors } = await newPage(browser, server.baseUrl);
    try {
      await page.goto("/sign-in");
      await signIn(page, SUPERVISOR);
      await h1(page, /^Welcome, /);
      await page.goto("/caseload?view=supervisor");
      await h1(page, "Caseloads of my team");
      await page
        .getByRole("table", { name: "Caseload per worker" })
        .getByRole("rowheader", { name: "Rosa Martinez" })
        .waitFor();
      await expectNoAxeViolations(page, "supervisor caseloads");
      // The organization's choice to have plans approved by a supervisor.
      const approval = page.getByLabel("Service plans wait for a supervisor's approval");
      expect(await approval.isChecked()).toBe(false);
      await page.locator('label[for="require-plan-approval"]').click();
      await expect.poll(() => approval.isChecked()).toBe(true);
      await page.locator('label[for="require-plan-approval"]').click();
      await expect.poll(() => approval.isChecked()).toBe(false);
      await page.getByRole("button", { name: "Español" }).click();
      await h1(page, "Casos de mi equipo");
      await expectNoAxeViolations(page, "supervisor caseloads in Spanish");
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
