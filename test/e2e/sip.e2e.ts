import type { Browser, Page } from "playwright-core";
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

const SIP = "Any County System Improvement Plan";
const REVIEWER = "reviewer@state.example";
const COMPONENT = "Component: P1 Permanency in 12 months for children entering care";

/** Takes one step of the life cycle from the panel and waits until the page says it is done. */
async function move(page: Page, button: string, reached: string): Promise<void> {
  const panel = page.getByRole("region", { name: "Life cycle" });
  await panel.getByRole("button", { name: button, exact: true }).click();
  await panel.getByText(`The SIP moved to: ${reached}.`).waitFor();
}

async function openDemoSip(page: Page): Promise<string> {
  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "SIP" }).click();
  await h1(page, "System Improvement Plan");
  await page.getByRole("link", { name: SIP }).click();
  await h1(page, SIP);
  return new URL(page.url()).pathname;
}

describe.skipIf(!browserAvailable)("County SIP", () => {
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

  it("a county fixes the check findings and submits, a state reviewer comments and accepts, an annual update shows its diff", async () => {
    const county = await newPage(browser, server.baseUrl);
    const state = await newPage(browser, server.baseUrl);
    try {
      const page = county.page;
      await page.goto("/sign-in");
      await signIn(page);
      await h1(page, /^Welcome, /);
      await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "SIP" }).click();
      await h1(page, "System Improvement Plan");
      await expectNoAxeViolations(page, "SIP area");
      await page.getByRole("link", { name: SIP }).click();
      await h1(page, SIP);
      const planPath = new URL(page.url()).pathname;

      // The checks of the guide, with severity in words.
      const checks = page.getByRole("region", { name: "Checks of the SIP guide" });
      await checks.getByText("Errors: 3, warnings: 1, notes: 0.").waitFor();
      await checks.getByText("Submission is blocked while errors remain.").waitFor();
      await expect(checks.locator(".sip-severity").allInnerTexts()).resolves.toEqual([
        "Error",
        "Error",
        "Error",
        "Warning",
      ]);
      // Submission is blocked further down the path, with the errors listed; the draft can move on.
      const lifeCycle = page.getByRole("region", { name: "Life cycle" });
      await lifeCycle.getByText("Draft").first().waitFor();
      await expectNoAxeViolations(page, "SIP editor with findings");

      // 1. A finding links to its item: the strategy without rationale.
      await checks.getByRole("link", { name: /has no rationale/ }).click();
      const strategy = page.getByRole("article", { name: /^Strategy 1\.1/ });
      await expect(strategy.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
      await strategy.getByRole("button", { name: /Edit Strategy rationale of Strategy 1\.1/ }).click();
      await strategy
        .getByLabel("Strategy rationale", { exact: true })
        .fill("Early family team meetings shorten time to reunification.");
      await strategy.getByRole("button", { name: "Save", exact: true }).click();
      await checks.getByText("Errors: 2, warnings: 1, notes: 0.").waitFor();

      // 2. The milestone nobody was assigned to, worded as a future action.
      await checks.getByRole("link", { name: /is not assigned to anyone/ }).click();
      const milestone = page.locator("tr", { hasText: "All staff will be trained" });
      await milestone.getByRole("button", { name: /Edit Assigned to of Milestone 1\.1\.1$/ }).click();
      await milestone.getByLabel("Or as written in the plan").fill("Training Unit");
      await milestone.getByRole("button", { name: "Save", exact: true }).click();
      await checks.getByText("Errors: 1, warnings: 1, notes: 0.").waitFor();
      const rows = page.locator("table.plan-items tbody tr");
      await rows
        .nth(0)
        .getByRole("button", { name: /Edit Milestone of Milestone 1\.1\.1$/ })
        .click();
      await rows
        .nth(0)
        .getByLabel("Milestone", { exact: true })
        .fill("Training in family team meeting facilitation for all staff completed.");
      await rows.nth(0).getByRole("button", { name: "Save", exact: true }).click();
      await checks.getByText("Errors: 1, warnings: 0, notes: 0.").waitFor();

      // 3. The team lacks a mandated core representative: the finding leads to the team.
      await checks.getByRole("link", { name: /no core representative for foster parents/ }).click();
      const team = page.getByRole("region", { name: "SIP team" });
      await expect(
        team.getByRole("heading", { name: "SIP team" }).evaluate((el) => el === document.activeElement),
      ).resolves.toBe(true);
      await team.getByLabel("Name", { exact: true }).fill("Maria Santos");
      await team.getByLabel("Affiliation", { exact: true }).fill("Any County Foster Parent Association");
      await team.getByLabel("Core representative of").selectOption({ label: "Foster parents" });
      await team.getByRole("button", { name: "Add to the team" }).click();
      await team.getByRole("row", { name: /Maria Santos/ }).waitFor();
      await checks.getByText("Errors: 0, warnings: 0, notes: 0.").waitFor();
      await checks.getByText("No errors: the plan can be submitted.").waitFor();
      await expectNoAxeViolations(page, "SIP editor with the findings fixed");

      // Draft → team review → Board approval → submitted (with the Board's date and agenda item).
      await move(page, "Send to team review", "Team review");
      await move(page, "Send for Board of Supervisors approval", "Board of Supervisors approval");
      await lifeCycle.getByRole("button", { name: "Record Board approval and submit to the state" }).click();
      await lifeCycle.getByText("This is required.").first().waitFor();
      await lifeCycle.getByLabel("Board of Supervisors approval date").fill(isoDay(-1));
      await lifeCycle.getByLabel("Board agenda item (number or link)").fill("Agenda item 14");
      await move(page, "Record Board approval and submit to the state", "Submitted");
      await lifeCycle.getByRole("row", { name: /Board of Supervisors approval → Submitted/ }).waitFor();
      await lifeCycle.getByText(/agenda item Agenda item 14/).waitFor();
      await expectNoAxeViolations(page, "submitted SIP");

      // The state reviewer: the submitted SIPs of the state, comments per component, negotiation, acceptance.
      const reviewer = state.page;
      await reviewer.goto("/sign-in");
      await signIn(reviewer, REVIEWER);
      await h1(reviewer, /^Welcome, /);
      await reviewer.goto("/sip");
      await h1(reviewer, "System Improvement Plan");
      await reviewer.getByRole("link", { name: "State review" }).click();
      await h1(reviewer, "State review");
      const listed = reviewer.getByRole("row", { name: /Any County/ });
      await listed.getByText("Submitted").waitFor();
      await expectNoAxeViolations(reviewer, "state review list");
      await listed.getByRole("link", { name: SIP }).click();
      await h1(reviewer, `Review: ${SIP}`);
      await move(reviewer, "Start state review", "State review");
      const topic = reviewer.getByRole("region", { name: COMPONENT });
      await topic
        .getByLabel(`New comment on ${COMPONENT}`)
        .fill("Please state the baseline and the target for P1.");
      await topic.getByRole("button", { name: "Comment", exact: true }).click();
      const thread = topic.getByRole("article", { name: "Comment by Jordan Lee" });
      await thread.getByText("Please state the baseline and the target for P1.").waitFor();
      await thread.getByText("Open", { exact: true }).waitFor();
      await expectNoAxeViolations(reviewer, "state review of a SIP");
      const reviewCycle = reviewer.getByRole("region", { name: "Life cycle" });
      await reviewCycle.getByLabel("Note").fill("Baseline and target for P1 to be agreed.");
      await move(reviewer, "Move to negotiation", "Negotiation");

      // The county answers in the thread; the reviewer resolves it and accepts.
      await page.goto(`${planPath}/review`);
      await h1(page, `Review: ${SIP}`);
      const countyThread = page
        .getByRole("region", { name: COMPONENT })
        .getByRole("article", { name: "Comment by Jordan Lee" });
      await countyThread.getByRole("button", { name: "Reply" }).click();
      await countyThread.getByLabel("Your reply").fill("Baseline 29.9% (FFY data), target 35%.");
      await countyThread.getByRole("button", { name: "Send reply" }).click();
      await countyThread.getByText("Baseline 29.9% (FFY data), target 35%.").waitFor();

      await reviewer.reload();
      await h1(reviewer, `Review: ${SIP}`);
      const reviewerThread = reviewer
        .getByRole("region", { name: COMPONENT })
        .getByRole("article", { name: "Comment by Jordan Lee" });
      await reviewerThread.getByText("Baseline 29.9% (FFY data), target 35%.").waitFor();
      await reviewerThread.getByRole("button", { name: "Mark resolved" }).click();
      await reviewerThread.getByText("Resolved", { exact: true }).waitFor();
      await move(reviewer, "Accept the SIP", "Accepted");
      const versions = reviewer.getByRole("region", { name: "Versions" });
      await versions.getByRole("row", { name: /Version 1/ }).waitFor();
      await reviewer
        .getByRole("region", { name: "Life cycle" })
        .getByText(/the annual update is due on/)
        .waitFor();
      await expectNoAxeViolations(reviewer, "accepted SIP");

      // The annual update: a new draft whose changes are listed against version 1.
      await page.reload();
      await h1(page, `Review: ${SIP}`);
      await page.getByRole("region", { name: "Life cycle" }).getByLabel("Note").fill("Annual update 1");
      await move(page, "Start the annual update", "Draft");
      await page.goto(planPath);
      await h1(page, SIP);
      const second = page.locator("table.plan-items tbody tr").nth(1);
      await second.getByRole("button", { name: /Edit Status of Milestone 1\.1\.2$/ }).click();
      await second.getByLabel("Status", { exact: true }).selectOption("completed");
      await second.getByRole("button", { name: "Save", exact: true }).click();
      await second.getByText("Completed", { exact: true }).waitFor();
      await page
        .getByRole("navigation", { name: "Plan views" })
        .getByRole("link", { name: "Review", exact: true })
        .click();
      await h1(page, `Review: ${SIP}`);
      const diff = page.getByRole("table", { name: "What changed" });
      const changed = diff.getByRole("row", { name: /Milestone 1\.1\.2/ });
      await changed.getByText("Changed", { exact: true }).waitFor();
      await changed.getByText("Not started → Completed").waitFor();
      await expectNoAxeViolations(page, "annual update with its diff");
      // The baseline of the component's measure, known when the SIP was accepted.
      const progress = page.getByRole("region", { name: "Components and their measures" });
      await progress
        .getByRole("row", { name: /Permanency in 12 months/ })
        .getByText("31.2")
        .waitFor();

      // On a phone and in Spanish, the review page and the editor's SIP panels.
      await page.setViewportSize({ width: 375, height: 800 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await expectNoAxeViolations(page, "review page on a phone");
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.getByRole("button", { name: "Español" }).click();
      await h1(page, `Revisión: ${SIP}`);
      await page.getByRole("heading", { level: 2, name: "Ciclo de vida" }).waitFor();
      await page.getByRole("heading", { level: 2, name: "Comentarios de la revisión estatal" }).waitFor();
      await expectNoAxeViolations(page, "review page in Spanish");
      await page.goto(planPath);
      await h1(page, SIP);
      const verificaciones = page.getByRole("region", { name: "Verificaciones de la guía del SIP" });
      await verificaciones.getByText("Errores: 0, advertencias: 0, notas: 0.").waitFor();
      await expectNoAxeViolations(page, "SIP editor in Spanish");
      await page.setViewportSize({ width: 375, height: 800 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await expectNoAxeViolations(page, "SIP editor in Spanish on a phone");
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.getByRole("button", { name: "English" }).click();
      await h1(page, SIP);
      expect(county.errors).toEqual([]);
      expect(state.errors).toEqual([]);
    } finally {
      await county.context.close();
      await state.context.close();
    }
  }, 180_000);

  it("posts a SIP for public comment, takes a comment without sign-in and lets the county moderate it", async () => {
    const county = await newPage(browser, server.baseUrl);
    const visitor = await newPage(browser, server.baseUrl);
    try {
      const page = county.page;
      await page.goto("/sign-in");
      await signIn(page);
      await h1(page, /^Welcome, /);
      const planPath = await openDemoSip(page);
      await page.goto(`${planPath}/review`);
      await h1(page, `Review: ${SIP}`);
      const posting = page.getByRole("region", { name: "Public posting and comments" });
      await posting
        .getByText("The plan can be posted publicly once it goes for Board of Supervisors approval.")
        .waitFor();
      // Team review and Board approval need no clean checks; the Board approves the posted draft.
      await move(page, "Send to team review", "Team review");
      await move(page, "Send for Board of Supervisors approval", "Board of Supervisors approval");
      await posting.getByLabel("Comments open until").fill(isoDay(30));
      await posting.getByRole("button", { name: "Post publicly" }).click();
      const link = posting.getByRole("link", { name: /\/public\/plans\// });
      await link.waitFor();
      const publicPath = (await link.getAttribute("href")) ?? "";
      expect(publicPath).toMatch(/^\/public\/plans\/[A-Za-z0-9_-]{8,40}$/);
      await expectNoAxeViolations(page, "posted SIP review page");

      // The public: no sign-in, the plan as a document, a comment held for moderation.
      const pub = visitor.page;
      await pub.goto(publicPath);
      await h1(pub, SIP);
      await pub.getByRole("heading", { name: "Milestone 1.1.2" }).waitFor();
      const comments = pub.getByRole("region", { name: "Public comments" });
      await comments.getByText("No published comments yet.").waitFor();
      await expectNoAxeViolations(pub, "public plan");
      await comments.getByLabel("Your comment").fill("Hi");
      await comments.getByRole("button", { name: "Send comment" }).click();
      await comments.getByText("Write a comment of 3 to 2000 characters.").waitFor();
      await comments
        .getByLabel("Your comment")
        .fill("Please include relative caregivers in the family team meetings.");
      await comments.getByRole("button", { name: "Send comment" }).click();
      await comments
        .getByText("Thank you. Your comment will appear once the county has reviewed it.")
        .waitFor();
      await expectNoAxeViolations(pub, "public plan after commenting");
      await pub.setViewportSize({ width: 375, height: 800 });
      expect(await pub.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await expectNoAxeViolations(pub, "public plan on a phone");
      await pub.setViewportSize({ width: 1280, height: 900 });
      await pub.getByRole("button", { name: "Español" }).click();
      await pub.getByRole("heading", { level: 2, name: "Comentarios del público" }).waitFor();
      await expectNoAxeViolations(pub, "public plan in Spanish");
      await pub.getByRole("button", { name: "English" }).click();

      // The county publishes it with an answer; the public page then shows both.
      await page.reload();
      await h1(page, `Review: ${SIP}`);
      const held = posting.getByRole("article", { name: "Comment by Anonymous" });
      await held.getByText("Waiting for moderation").waitFor();
      await held
        .getByLabel("The county's answer (optional)")
        .fill("Thank you: relative caregivers will be invited.");
      await held.getByRole("button", { name: /^Publish\s*: Anonymous$/ }).click();
      await held.getByText("Published", { exact: true }).waitFor();
      await pub.reload();
      await h1(pub, SIP);
      const shown = pub.getByRole("article", { name: "Comment by Anonymous" });
      await shown.getByText("Please include relative caregivers in the family team meetings.").waitFor();
      await shown.getByText("Thank you: relative caregivers will be invited.").waitFor();
      expect(county.errors).toEqual([]);
      expect(visitor.errors).toEqual([]);
    } finally {
      await county.context.close();
      await visitor.context.close();
    }
  }, 120_000);

  it("charts a county's measures against national performance, with masked values, judgment and import", async () => {
    const { context, page, errors } = await newPage(browser, server.baseUrl);
    try {
      await page.goto("/sign-in");
      await signIn(page);
      await h1(page, /^Welcome, /);
      await page.goto("/sip");
      await h1(page, "System Improvement Plan");
      await page.getByRole("link", { name: "Outcome measures" }).click();
      await h1(page, "Outcome measures: Any County");
      await page.getByRole("heading", { name: "Observed values are not risk-standardized" }).waitFor();
      const p1 = page.getByRole("row", { name: /^P1 Permanency in 12 months for children entering care/ });
      await p1.getByText("Needs improvement", { exact: true }).waitFor();
      await p1.getByText("Computed from the latest value").waitFor();
      // The SIP component that answers P1 is one link away.
      await p1.getByRole("link", { name: `Component in ${SIP}` }).waitFor();
      await expectNoAxeViolations(page, "measures");

      // The chart and the same numbers as a table; a masked period stays masked.
      await page.getByRole("link", { name: "S1 Maltreatment in foster care" }).click();
      await h1(page, "S1 Maltreatment in foster care: Any County");
      await page
        .getByRole("img", { name: /S1 in Any County over time, against national performance/ })
        .waitFor();
      const table = page.getByRole("table", { name: "Observed values of Any County by period" });
      expect(await table.locator("tbody tr").count()).toBe(4);
      await expect(table.locator("tbody tr").nth(2).innerText()).resolves.toContain("Masked");
      await expectNoAxeViolations(page, "measure detail");
      await page.setViewportSize({ width: 375, height: 800 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await expectNoAxeViolations(page, "measure detail on a phone");
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.getByRole("button", { name: "Español" }).click();
      await page.getByRole("heading", { level: 2, name: "Desempeño a lo largo del tiempo" }).waitFor();
      await page.getByRole("table", { name: "Valores observados de Any County por período" }).waitFor();
      await expectNoAxeViolations(page, "measure detail in Spanish");
      await page.getByRole("button", { name: "English" }).click();

      // The county's own judgment, with its reason, decides over the computed flag.
      await page.getByRole("link", { name: "Back to the measures" }).click();
      await h1(page, "Outcome measures: Any County");
      await page.getByRole("link", { name: "S2 Recurrence of maltreatment" }).click();
      await h1(page, "S2 Recurrence of maltreatment: Any County");
      await page.getByText("The latest observed value is not worse than national performance.").waitFor();
      await page.getByText("Needs improvement", { exact: true }).last().click();
      await page.getByLabel("Reason").fill("The self-assessment found recurrence rising in the east region.");
      await page.getByRole("button", { name: "Save the county's judgment" }).click();
      await page.getByText("Saved.").waitFor();
      await page
        .getByText(/^The county's judgment \(.*\): Needs improvement\. Reason: The self-assessment/)
        .waitFor();
      await page.getByRole("link", { name: "Back to the measures" }).click();
      const s2 = page.getByRole("row", { name: /^S2 Recurrence of maltreatment/ });
      await s2.getByText("The county's judgment").waitFor();
      await s2.getByText("Needs improvement", { exact: true }).waitFor();

      // Import: a malformed file imports nothing and lists each problem; a good one is taken.
      const file = page.getByLabel("Performance file");
      await file.setInputFiles({
        name: "bad.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(
          "measure_code,county,period,numerator,denominator,value\nP1,Any County,2026-Q5,1,2,abc\n",
        ),
      });
      await page.getByRole("button", { name: "Import", exact: true }).click();
      const problems = page.getByRole("table", { name: "Problems in the file" });
      await problems.getByRole("row", { name: /^2 period/ }).waitFor();
      await problems.getByRole("row", { name: /^2 value/ }).waitFor();
      await page.getByText("Nothing was imported. Correct these rows and import the file again.").waitFor();
      await expectNoAxeViolations(page, "import with problems");
      await file.setInputFiles({
        name: "good.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(
          "measure_code,county,period,numerator,denominator,value\nP1,Any County,2026-09-30,,,33.5\n",
        ),
      });
      await page.getByRole("button", { name: "Import", exact: true }).click();
      await page.getByText("Rows imported: 1.").waitFor();
      await p1.getByText("33.5").waitFor();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
