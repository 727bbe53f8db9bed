import { readFile } from "node:fs/promises";
import type { Browser, Locator } from "playwright-core";
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

const LINKAGES_DEMO = "West County Linkages Work Plan";
const NEW_PLAN = "Any County Linkages Work Plan (test)";
const STEP_ONE = "Engage the Planning Team in drafting a vision, mission and guiding principles.";
const STEP_TWO = "Circulate the draft vision to stakeholders for review.";

/** The option of a select whose text contains `text` (option labels carry organization names too). */
async function selectByText(select: Locator, text: string): Promise<void> {
  const label = await select.locator("option", { hasText: text }).first().textContent();
  await select.selectOption({ label: label ?? text });
}

describe.skipIf(!browserAvailable)("work plans", () => {
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

  it("creates a Linkages plan, adds a topic area with two steps, completes one, exports and undoes", async () => {
    const { context, page, errors } = await newPage(browser, server.baseUrl);
    try {
      await page.goto("/sign-in");
      await signIn(page);
      await h1(page, /^Welcome, /);
      await page.getByRole("heading", { level: 2, name: "What needs you today" }).waitFor();
      await expectNoAxeViolations(page, "home");

      await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Plans" }).click();
      await h1(page, "Plans");
      await page.getByRole("link", { name: LINKAGES_DEMO }).waitFor();
      await expectNoAxeViolations(page, "plans list");

      // New plan: template, title, period (the end follows from the template), required header fields.
      await page.getByRole("link", { name: "New plan" }).click();
      await h1(page, "New plan");
      await expectNoAxeViolations(page, "new plan");
      await page.getByRole("button", { name: "Create plan" }).click();
      await page.getByText("Choose a kind of plan.").first().waitFor();
      await page.locator('label[for="template-linkages-work-plan"]').click();
      await page.getByLabel("Plan title").fill(NEW_PLAN);
      await page.getByLabel("Plan period start").fill(isoDay(-30));
      await page.getByLabel("County", { exact: true }).fill("Any County, CA");
      await page
        .getByLabel("Linkages goal for the next 12 months")
        .fill("Coordinate CalWORKs and Child Welfare services so families reach economic stability.");
      await page.getByRole("button", { name: "Create plan" }).click();
      await h1(page, NEW_PLAN);
      expect(new URL(page.url()).pathname).toMatch(/^\/plans\/[0-9a-f-]{36}$/);
      const planPath = new URL(page.url()).pathname;
      await expectNoAxeViolations(page, "new plan in the editor");

      // A topic area in "Program launch or expansion".
      await page
        .getByRole("button", { name: "Add work plan topic area to Program launch or expansion" })
        .click();
      const topicForm = page.locator("form.plan-add__form");
      await topicForm.getByLabel("Work plan topic area").selectOption({ label: "Strategic direction" });
      await topicForm
        .getByLabel("Implementation objective")
        .fill("Leadership and staff are guided by a shared vision, mission and guiding principles.");
      await topicForm.getByLabel("Target date").fill(isoDay(120));
      await topicForm.getByRole("button", { name: "Add work plan topic area", exact: true }).click();
      const topic = page.getByRole("article", { name: "Work plan topic area: Strategic direction" });
      await topic.waitFor();
      await topicForm.getByRole("button", { name: "Close" }).click();

      // Two numbered action steps: one assigned to a person, one to a team written as free text.
      await topic
        .getByRole("button", { name: "Add action step to Work plan topic area: Strategic direction" })
        .click();
      const stepForm = topic.locator("form.plan-add__form");
      await stepForm.getByLabel("What are the action steps to be taken?").fill(STEP_ONE);
      await selectByText(stepForm.getByLabel("Who is assigned?: a person or organization"), "Michael Lopez");
      await stepForm.getByLabel("Due date").fill(isoDay(10));
      await stepForm.getByRole("button", { name: "Add action step", exact: true }).click();
      await topic.getByRole("row", { name: /Engage the Planning Team/ }).waitFor();
      await stepForm.getByLabel("What are the action steps to be taken?").fill(STEP_TWO);
      await stepForm.getByLabel("Or as written in the plan").fill("Planning Team");
      await stepForm.getByLabel("Due date").fill(isoDay(40));
      await stepForm.getByRole("button", { name: "Add action step", exact: true }).click();
      await topic.getByRole("row", { name: /Circulate the draft vision/ }).waitFor();
      await stepForm.getByRole("button", { name: "Close" }).click();
      const rows = topic.locator("table.plan-items tbody tr");
      // By position: while a cell is open for editing its text is in an input, not in the row's name.
      const rowTwo = rows.nth(1);
      expect(await rows.count()).toBe(2);
      expect(await rows.nth(0).locator("th").innerText()).toMatch(/^1\.\s*Engage the Planning Team/);
      expect(await rows.nth(1).locator("th").innerText()).toMatch(/^2\.\s*Circulate/);
      await expect(rows.nth(0).innerText()).resolves.toContain("Michael Lopez");
      await expect(rowTwo.innerText()).resolves.toContain("Planning Team");
      await expectNoAxeViolations(page, "editor with a topic area and two steps");

      // Complete step 2 in place: open the status cell, choose, Enter saves.
      await rowTwo.getByRole("button", { name: /Edit Status of Action step 2$/ }).click();
      const status = rowTwo.getByLabel("Status", { exact: true });
      await status.selectOption("completed");
      await status.press("Enter");
      await rowTwo.getByText("Completed", { exact: true }).waitFor();
      await topic.getByText("50% complete (1 of 2)").waitFor();
      await page.getByText("Overall progress: 50% complete (1 of 2)").waitFor();
      expect(await page.getByTestId("plan-announcer").textContent()).toContain("Saved");

      // Editing a title in place: Escape cancels, Enter saves.
      await rowTwo
        .getByRole("button", { name: /Edit What are the action steps to be taken\? of Action step 2$/ })
        .click();
      const title = rowTwo.getByLabel("What are the action steps to be taken?", { exact: true });
      await title.fill("Typed and then cancelled");
      await title.press("Escape");
      await rowTwo.getByText(STEP_TWO).waitFor();
      await expectNoAxeViolations(page, "editor after completing a step");

      // Export to Word in the page language.
      const word = page.getByRole("link", { name: "Word" });
      const href = (await word.getAttribute("href")) ?? "";
      expect(href).toBe(`/api${planPath}/export?format=docx&locale=en`);
      expect(await word.getAttribute("download")).toMatch(/\.docx$/);
      const downloading = page.waitForEvent("download");
      await word.click();
      const download = await downloading;
      expect(download.suggestedFilename()).toMatch(/\.docx$/);
      const file = await readFile((await download.path()) ?? "");
      expect(file.length).toBeGreaterThan(1000);
      expect(file.subarray(0, 2).toString("latin1")).toBe("PK");

      // Home: step 1 is mine and due within 30 days; one click starts it.
      await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Home" }).click();
      await h1(page, /^Welcome, /);
      const dueSoon = page.getByRole("region", { name: "Your action steps due in the next 30 days" });
      const mine = dueSoon.getByRole("row", { name: /Engage the Planning Team/ });
      await mine.waitFor();
      await expectNoAxeViolations(page, "home with a step due soon");
      await mine.getByRole("button", { name: /^Start\s*: Engage the Planning Team/ }).click();
      await mine.getByText("In progress", { exact: true }).waitFor();

      // My action steps lists it too, with the calendar feed offer.
      await page
        .getByRole("navigation", { name: "Sections" })
        .getByRole("link", { name: "My action steps" })
        .click();
      await h1(page, "My action steps");
      await page.getByRole("row", { name: /Engage the Planning Team/ }).waitFor();
      await page.getByRole("heading", { level: 2, name: "Subscribe in your calendar" }).waitFor();
      // Step 1 is due in 10 days: not overdue; step 2 is the Planning Team's, not mine, in any state.
      await page.getByLabel("Show").selectOption("overdue");
      await page.getByText("No action steps match. Try another filter.").waitFor();
      await page.getByLabel("Show").selectOption("all");
      await page.getByRole("row", { name: /Engage the Planning Team/ }).waitFor();
      expect(await page.getByRole("row", { name: /Circulate the draft vision/ }).count()).toBe(0);
      await expectNoAxeViolations(page, "my action steps");

      // History: undo the completion of step 2.
      await page.goto(`${planPath}/history`);
      await h1(page, `History: ${NEW_PLAN}`);
      const completion = page.getByRole("row", { name: /Not started.*Completed/ });
      await completion.waitFor();
      await expectNoAxeViolations(page, "history");
      await completion.getByRole("button", { name: /^Undo/ }).click();
      await page.getByText("The change was undone.").waitFor();
      await page
        .getByRole("row", { name: /Undone/ })
        .first()
        .waitFor();
      await page
        .getByRole("navigation", { name: "Plan views" })
        .getByRole("link", { name: "Plan", exact: true })
        .click();
      await h1(page, NEW_PLAN);
      await page.getByText("Overall progress: 0% complete (0 of 2)").waitFor();

      // Timeline: the strip and the table of the same dates.
      await page
        .getByRole("navigation", { name: "Plan views" })
        .getByRole("link", { name: "Timeline" })
        .click();
      await h1(page, `Timeline: ${NEW_PLAN}`);
      const dates = page.getByRole("table");
      await dates.getByRole("rowheader", { name: /Action step 1/ }).waitFor();
      await dates.getByRole("rowheader", { name: /Action step 2/ }).waitFor();
      await dates.getByRole("rowheader", { name: /Work plan topic area/ }).waitFor();
      await expectNoAxeViolations(page, "timeline");
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("lays out the demo Linkages plan like its document, on a phone and in Spanish", async () => {
    const { context, page, errors } = await newPage(browser, server.baseUrl);
    try {
      await page.goto("/sign-in");
      await signIn(page, "calworks@westcounty.example");
      await h1(page, /^Welcome, /);
      await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Plans" }).click();
      await page.getByRole("link", { name: LINKAGES_DEMO }).click();
      await h1(page, LINKAGES_DEMO);
      const topics = page.getByRole("heading", { name: /^Work plan topic area: / });
      await expect(topics.allInnerTexts()).resolves.toEqual([
        "Work plan topic area: Strategic direction",
        "Work plan topic area: Target population",
        "Work plan topic area: Client identification",
        "Work plan topic area: Coordinated case planning protocols",
        "Work plan topic area: Confidentiality",
        "Work plan topic area: Staff training",
      ]);
      const strategic = page.getByRole("article", { name: "Work plan topic area: Strategic direction" });
      const stepRows = strategic.locator("table.plan-items tbody tr");
      expect(await stepRows.count()).toBe(4);
      expect(await stepRows.nth(0).locator("th").innerText()).toMatch(/^1\.\s*Engage with Planning Team/);
      expect(await stepRows.nth(3).locator("th").innerText()).toMatch(/^4\.\s*Design & produce posters/);
      await expect(strategic.getByRole("columnheader").allInnerTexts()).resolves.toEqual(
        expect.arrayContaining([
          "What are the action steps to be taken?",
          "Who is assigned?",
          "Due date",
          "Status",
        ]),
      );
      await expectNoAxeViolations(page, "demo Linkages plan");

      // Notes of a step open in place.
      await stepRows
        .nth(1)
        .getByRole("button", { name: /^Notes\s*: Action step 2$/ })
        .click();
      await strategic.getByRole("heading", { name: "Progress notes: Action step 2" }).waitFor();
      await strategic.getByLabel("Note").fill("Stakeholder review meeting held.");
      await strategic.getByRole("button", { name: "Add note" }).click();
      await strategic.getByText("Stakeholder review meeting held.").waitFor();
      await expectNoAxeViolations(page, "demo plan with notes open");

      // A status change in place, which the history then shows.
      await stepRows
        .nth(1)
        .getByRole("button", { name: /Edit Status of Action step 2$/ })
        .click();
      await stepRows.nth(1).getByLabel("Status", { exact: true }).selectOption("completed");
      await stepRows.nth(1).getByRole("button", { name: "Save" }).click();
      await stepRows.nth(1).getByText("Completed", { exact: true }).waitFor();

      await page.setViewportSize({ width: 375, height: 800 });
      await page
        .getByRole("heading", { name: "Work plan topic area: Target population" })
        .scrollIntoViewIfNeeded();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await expectNoAxeViolations(page, "demo Linkages plan on a phone");
      await page.setViewportSize({ width: 1280, height: 900 });

      await page.getByRole("button", { name: "Español" }).click();
      await h1(page, LINKAGES_DEMO);
      await page.getByRole("heading", { level: 2, name: "Lanzamiento o ampliación del programa" }).waitFor();
      await page
        .getByRole("heading", { name: "Área temática del plan de trabajo: Dirección estratégica" })
        .waitFor();
      expect(await page.getByRole("link", { name: "Word" }).getAttribute("href")).toMatch(/locale=es$/);
      await expectNoAxeViolations(page, "demo Linkages plan in Spanish");

      await page
        .getByRole("navigation", { name: "Vistas del plan" })
        .getByRole("link", { name: "Cronología" })
        .click();
      await h1(page, `Cronología: ${LINKAGES_DEMO}`);
      await page.getByRole("table").getByRole("rowheader").first().waitFor();
      await expectNoAxeViolations(page, "timeline in Spanish");

      await page
        .getByRole("navigation", { name: "Vistas del plan" })
        .getByRole("link", { name: "Historial" })
        .click();
      await h1(page, `Historial: ${LINKAGES_DEMO}`);
      await page
        .getByRole("row", { name: /Elemento cambiado/ })
        .first()
        .waitFor();
      await expectNoAxeViolations(page, "history in Spanish");

      await page
        .getByRole("navigation", { name: "Secciones" })
        .getByRole("link", { name: "Mis pasos de acción" })
        .click();
      await h1(page, "Mis pasos de acción");
      await expectNoAxeViolations(page, "my action steps in Spanish");
      await page.getByRole("button", { name: "English" }).click();
      await h1(page, "My action steps");
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("shows sharing to owners only", async () => {
    const { context, page, errors } = await newPage(browser, server.baseUrl);
    try {
      await page.goto("/sign-in");
      await signIn(page);
      await h1(page, /^Welcome, /);
      await page.goto("/plans");
      await page.getByRole("link", { name: LINKAGES_DEMO }).click();
      await h1(page, LINKAGES_DEMO);
      await page
        .getByRole("navigation", { name: "Plan views" })
        .getByRole("link", { name: "Sharing" })
        .click();
      await h1(page, `Sharing: ${LINKAGES_DEMO}`);
      const calworks = page.getByRole("row", { name: /West County CalWORKs/ });
      await calworks.waitFor();
      await expectNoAxeViolations(page, "sharing");
      await page
        .getByRole("main")
        .getByLabel("Organization", { exact: true })
        .selectOption({ label: "Harbor Family Resource Center" });
      await page.getByRole("main").getByLabel("Role", { exact: true }).selectOption("viewer");
      await page.getByRole("button", { name: "Share", exact: true }).click();
      await page.getByRole("row", { name: /Harbor Family Resource Center/ }).waitFor();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
