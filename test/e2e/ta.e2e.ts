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

/** The two TA providers of the demo (src/cli/demo.ts, README). */
const FIRST_PROVIDER = "ta@strongfoundations.example";
const SECOND_PROVIDER = "ta2@ecsta.example";
const PARTNERSHIP = "Harbor Early Childhood Collaborative";
const FIRST_TOPIC = "Developmental screening outreach to family child care homes";
const SECOND_TOPIC = "Developmental screening outreach for family child care providers";
const PAST_TRAINING = "Statewide awareness training on collaboration and systems development";

async function openTa(page: Page) {
  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "TA" }).click();
  await h1(page, "TA board");
}

async function logRequest(page: Page, topic: string, from: number, to: number) {
  await page.getByRole("link", { name: "Log a TA request" }).click();
  await h1(page, "Log a TA request");
  await page.locator("label[for=request-recipient-kind-partnership]").click();
  await page.getByLabel("Which partnership?").selectOption({ label: PARTNERSHIP });
  await page.getByLabel("Topic").fill(topic);
  await page
    .getByLabel("Description (optional)")
    .fill("Outreach so that every family child care home offers screening.");
  await page.locator("label[for=request-sector-health]").click();
  await page.locator("label[for=request-sector-early_care_education]").click();
  await page.locator("label[for=request-level-awareness]").click();
  await page.getByLabel("Wanted from").fill(isoDay(from));
  await page.getByLabel("Wanted until").fill(isoDay(to));
  await expectNoAxeViolations(page, "new TA request form");
  await page.getByRole("button", { name: "Log the request" }).click();
  await h1(page, topic);
  await page.getByText("The TA request was logged.").waitFor();
}

async function fitsAPhone(page: Page, where: string) {
  await page.setViewportSize({ width: 375, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth), where).toBeLessThanOrEqual(375);
  await expectNoAxeViolations(page, `${where} on a phone`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** With TA_SHOTS=<dir>, full-page screenshots for a person to look at; nothing otherwise. */
async function screenshot(page: Page, name: string) {
  if (process.env.TA_SHOTS)
    await page.screenshot({ path: `${process.env.TA_SHOTS}/${name}.png`, fullPage: true });
}

async function signOut(page: Page, name: string) {
  await page.getByRole("button", { name: `${name}, account menu` }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("button", { name: "Sign in" }).waitFor();
}

describe.skipIf(!browserAvailable)("TA coordination", () => {
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

  it("two providers log overlapping requests and the second is shown the first", async () => {
    const { context, page, errors } = await newPage(browser, server.baseUrl);
    let surveyPath = "";
    try {
      // The first provider logs a request for a partnership; the board lists it.
      await page.goto("/sign-in");
      await signIn(page, FIRST_PROVIDER);
      await h1(page, /^Welcome, /);
      // Priya also belongs to the work group itself; she acts for her TA provider.
      await page
        .getByRole("banner")
        .getByLabel("Organization", { exact: true })
        .selectOption({ label: "Strong Foundations TA Network" });
      await page.waitForFunction(() => {
        const select = document.querySelector<HTMLSelectElement>("#organization-switcher");
        return (
          select?.selectedOptions[0]?.textContent === "Strong Foundations TA Network" && !select.disabled
        );
      });
      await openTa(page);
      await expectNoAxeViolations(page, "TA board");
      await logRequest(page, FIRST_TOPIC, 30, 60);
      await expectNoAxeViolations(page, "TA request just logged");

      // It hands out the survey link of its past training (only the organizer sees it).
      await page
        .getByRole("navigation", { name: "Technical assistance" })
        .getByRole("link", { name: "Trainings" })
        .click();
      await h1(page, "Trainings");
      await page.getByRole("link", { name: PAST_TRAINING }).click();
      await h1(page, PAST_TRAINING);
      const link = await page.getByLabel("Public survey link for participants").inputValue();
      surveyPath = new URL(link).pathname;
      expect(surveyPath).toMatch(/^\/survey\/[A-Za-z0-9_-]+$/);
      await page.getByRole("heading", { level: 2, name: "Evaluation results" }).waitFor();
      await expectNoAxeViolations(page, "training with registrations and results");
      await signOut(page, "Priya Natarajan");

      // The second provider logs a similar request for the same partnership in an overlapping window.
      await signIn(page, SECOND_PROVIDER);
      await h1(page, /^Welcome, /);
      await openTa(page);
      await page.getByRole("link", { name: FIRST_TOPIC }).waitFor();
      await logRequest(page, SECOND_TOPIC, 45, 90);
      const alert = page.locator(".usa-alert--warning");
      await alert.getByRole("heading", { name: /Possible overlaps to coordinate/ }).waitFor();
      await alert
        .getByText("Another provider has a similar request for this recipient in this window.")
        .waitFor();
      await alert.getByText(/Coordinate with Strong Foundations TA Network/).waitFor();
      await expectNoAxeViolations(page, "request with a possible overlap");
      await screenshot(page, "overlap-alert");
      await alert.getByRole("link", { name: FIRST_TOPIC }).click();
      await h1(page, FIRST_TOPIC);
      await page.getByRole("link", { name: SECOND_TOPIC }).waitFor();
      await page.goBack();
      await h1(page, SECOND_TOPIC);

      // The possible overlaps board: link the pair with a note.
      await page.getByRole("link", { name: "Open the possible overlaps board" }).click();
      await page.getByRole("heading", { level: 2, name: "Possible overlaps" }).waitFor();
      const pair = page
        .getByRole("article")
        .filter({ hasText: FIRST_TOPIC })
        .filter({ hasText: SECOND_TOPIC });
      await pair.waitFor();
      await expectNoAxeViolations(page, "possible overlaps board");
      await screenshot(page, "overlaps-board");
      await fitsAPhone(page, "possible overlaps board");
      await pair
        .getByLabel("Note (optional)")
        .fill("Strong Foundations leads; ECSTA joins the second session.");
      await pair.getByRole("button", { name: "Link (we coordinate)" }).click();
      await page.getByText("The overlap was linked.").waitFor();
      await expect(
        page.getByRole("article").filter({ hasText: FIRST_TOPIC }).filter({ hasText: SECOND_TOPIC }).count(),
      ).resolves.toBe(0);
      await page.getByLabel("Show").selectOption("linked");
      await page.getByText("Strong Foundations leads; ECSTA joins the second session.").waitFor();

      // The demo's own overlapping pair stays highlighted on the request rows.
      await page.getByRole("link", { name: "TA requests" }).click();
      await page.getByRole("heading", { level: 2, name: "TA requests" }).waitFor();
      await page.getByRole("row").filter({ hasText: "Possible overlap" }).first().waitFor();
      await expectNoAxeViolations(page, "TA requests with overlaps highlighted");
      await screenshot(page, "requests");
      await fitsAPhone(page, "TA requests");
      await page.getByRole("link", { name: "Engagements" }).click();
      await page.getByRole("heading", { level: 2, name: "Engagements" }).waitFor();
      await expectNoAxeViolations(page, "engagements");
      await screenshot(page, "engagements");

      // Work group dashboard.
      await page
        .getByRole("navigation", { name: "Technical assistance" })
        .getByRole("link", { name: "Work group dashboard" })
        .click();
      await h1(page, "Work group dashboard");
      await page.getByRole("table", { name: "Engagements by level" }).waitFor();
      await expectNoAxeViolations(page, "work group dashboard");

      // Partnership registry with the level of working together over time.
      await page
        .getByRole("navigation", { name: "Technical assistance" })
        .getByRole("link", { name: "Partnerships" })
        .click();
      await h1(page, "Partnerships");
      await expectNoAxeViolations(page, "partnership registry");
      await screenshot(page, "partnerships");
      await page.getByRole("link", { name: PARTNERSHIP }).click();
      await h1(page, PARTNERSHIP);
      await page.getByRole("heading", { level: 2, name: "Members by sector" }).waitFor();
      await expectNoAxeViolations(page, "partnership");

      // Peer learning library: find a toolkit and comment on it.
      await page
        .getByRole("navigation", { name: "Technical assistance" })
        .getByRole("link", { name: "Library" })
        .click();
      await h1(page, "Peer learning library");
      await page.getByLabel("Search").fill("toolkit");
      await page.getByRole("button", { name: "Apply filters" }).click();
      await page
        .getByRole("link", { name: "The Early Childhood Community Systems Development Toolkit" })
        .click();
      await h1(page, "The Early Childhood Community Systems Development Toolkit");
      await page.getByLabel("Add a comment").fill("We will use the self-assessment at our next meeting.");
      await page.getByRole("button", { name: "Post the comment" }).click();
      await page.getByText("We will use the self-assessment at our next meeting.").waitFor();
      await expectNoAxeViolations(page, "library resource with comments");

      // Trainings: results of the demo's past training (chart with a table) and across trainings.
      await page
        .getByRole("navigation", { name: "Technical assistance" })
        .getByRole("link", { name: "Trainings" })
        .click();
      await h1(page, "Trainings");
      await expectNoAxeViolations(page, "trainings");
      await screenshot(page, "trainings");
      await page.getByRole("link", { name: PAST_TRAINING }).click();
      await h1(page, PAST_TRAINING);
      await page.getByRole("table", { name: "Mean and share agreeing per item" }).waitFor();
      expect(await page.locator(".recharts-bar-rectangle").count()).toBeGreaterThan(0);
      await expectNoAxeViolations(page, "training results seen by another provider");
      await screenshot(page, "results");
      await page
        .getByRole("navigation", { name: "Technical assistance" })
        .getByRole("link", { name: "Trainings" })
        .click();
      await page.getByRole("link", { name: "Results across trainings" }).click();
      await h1(page, "Results across trainings");
      await page
        .getByRole("table", { name: "Per training" })
        .getByRole("link", { name: PAST_TRAINING })
        .waitFor();
      await expectNoAxeViolations(page, "results across trainings");
      await screenshot(page, "across");
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }

    // A participant answers the survey without signing in, in Spanish.
    const participant = await newPage(browser, server.baseUrl);
    try {
      const page = participant.page;
      await page.goto(surveyPath);
      await h1(page, "Training evaluation");
      await expectNoAxeViolations(page, "public survey");
      await page.getByRole("button", { name: "Send my answers" }).click();
      await page.getByText(/Answer every marked question/).waitFor();
      await expect(page.getByText("Choose an answer.").count()).resolves.toBeGreaterThan(0);
      await expectNoAxeViolations(page, "public survey with errors");
      await screenshot(page, "survey-errors");

      await page.getByRole("button", { name: "Español" }).click();
      await h1(page, "Evaluación de la capacitación");
      const groups = page.locator("fieldset");
      const count = await groups.count();
      expect(count).toBeGreaterThan(3);
      for (let i = 0; i < count; i += 1) {
        await groups.nth(i).locator("label").nth(4).click();
      }
      await page.locator("textarea").first().fill("Las herramientas para evaluar la colaboración.");
      await expectNoAxeViolations(page, "public survey in Spanish");
      await fitsAPhone(page, "public survey");
      await page.getByRole("button", { name: "Enviar mis respuestas" }).click();
      await page.getByRole("heading", { name: "Gracias" }).waitFor();
      await expectNoAxeViolations(page, "survey thanks");

      await page.goto("/survey/not-a-real-token-0000000000");
      await h1(page, "Encuesta no disponible");
      await expectNoAxeViolations(page, "unknown survey");
      expect(participant.errors).toEqual([]);
    } finally {
      await participant.context.close();
    }
  });

  it("a provider keeps a partnership, an engagement, the library and a training up to date", async () => {
    const { context, page, errors } = await newPage(browser, server.baseUrl);
    const shot = (name: string) =>
      process.env.TA_SHOTS
        ? page.screenshot({ path: `${process.env.TA_SHOTS}/${name}.png`, fullPage: true })
        : null;
    try {
      await page.goto("/sign-in");
      await signIn(page, SECOND_PROVIDER);
      await h1(page, /^Welcome, /);
      const taNav = page.getByRole("navigation", { name: "Technical assistance" });

      // A new partnership with a member, a charter link and two assessments of its level.
      await page.goto("/ta/partnerships");
      await h1(page, "Partnerships");
      await page.getByRole("link", { name: "Register a partnership" }).click();
      await h1(page, "Register a partnership");
      await page.getByRole("button", { name: "Register the partnership" }).click();
      await expect(page.getByText("This is required.").count()).resolves.toBeGreaterThan(0);
      await page.getByLabel("Name", { exact: true }).fill("Valley Early Learning Partnership");
      await page.locator("label[for=partnership-geography-kind-county]").click();
      await page.getByLabel("Name of the geography").fill("Valley County");
      await page.getByLabel("Meeting schedule").fill("Quarterly");
      await expectNoAxeViolations(page, "new partnership form");
      await page.getByRole("button", { name: "Register the partnership" }).click();
      await h1(page, "Valley Early Learning Partnership");
      await page.getByLabel("Member organization or person").fill("Valley Head Start");
      await page.getByLabel("Sector", { exact: true }).selectOption({ label: "Early care and education" });
      await page.getByRole("button", { name: "Add the member" }).click();
      await page.getByRole("heading", { level: 3, name: "Early care and education" }).waitFor();
      await page.getByLabel("Title", { exact: true }).fill("Partnership charter");
      await page.getByLabel("Address (https://…)").fill("https://example.org/charter.pdf");
      await page.getByRole("button", { name: "Add the document" }).click();
      await page.getByRole("link", { name: /^Partnership charter/ }).waitFor();
      for (const [date, level] of [
        [isoDay(-200), "networking"],
        [isoDay(-10), "cooperation"],
      ] as const) {
        await page.getByLabel("Assessed on").fill(date);
        await page.locator(`label[for=level-value-${level}]`).click();
        await page.getByRole("button", { name: "Record the assessment" }).click();
        await page.getByText("The assessment was recorded.").waitFor();
      }
      await expect(
        page.getByRole("table", { name: "Assessments, oldest first" }).getByRole("row").count(),
      ).resolves.toBe(3);
      await page.getByRole("button", { name: "Edit the partnership" }).click();
      await page.getByLabel("Meeting schedule").fill("Quarterly, second Monday");
      await page.getByRole("button", { name: "Save changes" }).click();
      await page.getByText("Quarterly, second Monday").waitFor();
      await page.getByRole("button", { name: "Remove Valley Head Start" }).click();
      await page.getByText("No members yet.").waitFor();
      await expectNoAxeViolations(page, "partnership kept up to date");
      await shot("partnership");

      // An engagement answering the demo's open request, then moved to in progress.
      await taNav.getByRole("link", { name: "TA board" }).click();
      await h1(page, "TA board");
      await page.getByLabel("Search").fill("trauma");
      await page.getByRole("button", { name: "Apply filters" }).click();
      await page
        .getByRole("link", { name: "Trauma-informed practice awareness for child welfare staff" })
        .click();
      await h1(page, "Trauma-informed practice awareness for child welfare staff");
      await shot("request");
      await page.getByRole("link", { name: "Log an engagement for this request" }).click();
      await h1(page, "Log an engagement");
      await page.getByLabel("Activities").fill("Two half-day sessions for social workers.");
      await page.getByLabel("Hours").fill("8");
      await page.getByLabel("Participants").fill("24");
      await expectNoAxeViolations(page, "new engagement form");
      await page.getByRole("button", { name: "Log the engagement" }).click();
      await page.getByText("The engagement was logged.").waitFor();
      await page.locator("label[for=move-in_progress]").click();
      await page.getByRole("button", { name: "Save the status" }).click();
      await page.locator(".usa-tag", { hasText: "In progress" }).first().waitFor();
      await expectNoAxeViolations(page, "engagement");
      // Someone else completes it meanwhile: saving the stale copy says so and offers a reload.
      const other = await context.newPage();
      await other.goto(page.url());
      await h1(other, "Trauma-informed practice awareness for child welfare staff");
      await other.locator("label[for=move-completed]").click();
      await other.getByRole("button", { name: "Save the status" }).click();
      await other.locator(".usa-tag", { hasText: "Completed" }).first().waitFor();
      await other.close();
      await page.getByRole("button", { name: "Edit the engagement" }).click();
      await page.getByLabel("Results").fill("Supervisors asked for a follow-up session.");
      await page.getByRole("button", { name: "Save changes" }).click();
      await page.getByText("Someone else changed this in the meantime.", { exact: false }).waitFor();
      await expectNoAxeViolations(page, "engagement changed by someone else");
      await page.getByRole("button", { name: "Reload", exact: true }).click();
      await page.locator(".usa-tag", { hasText: "Completed" }).first().waitFor();
      await shot("engagement");

      // A file shared in the library.
      await taNav.getByRole("link", { name: "Library" }).click();
      await page.getByRole("link", { name: "Share a resource" }).click();
      await h1(page, "Share a resource");
      await page.getByLabel("Title", { exact: true }).fill("Screening flyer");
      await page.getByLabel("Kind", { exact: true }).selectOption({ label: "Template" });
      await page.locator("label[for=resource-source-file]").click();
      const png = Buffer.from(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
        "base64",
      );
      await page
        .getByLabel("File", { exact: true })
        .setInputFiles({ name: "flyer.png", mimeType: "image/png", buffer: png });
      await page.getByLabel("Tags").fill("Screening, Outreach");
      await page.locator("label[for=resource-sector-health]").click();
      await expectNoAxeViolations(page, "share a resource");
      await page.getByRole("button", { name: "Share the resource" }).click();
      await h1(page, "Screening flyer");
      await page.getByRole("link", { name: "Download flyer.png" }).waitFor();
      await page.getByText("screening, outreach").waitFor();
      await shot("resource");

      // A training: register two participants, one attended.
      await taNav.getByRole("link", { name: "Trainings" }).click();
      await page.getByRole("link", { name: "Plan a training" }).click();
      await h1(page, "Plan a training");
      await page.getByLabel("Training", { exact: true }).fill("Screening in family child care");
      await page.locator("label[for=training-level-implementation]").click();
      await page.getByLabel("Starts at").fill(`${isoDay(14)}T09:00`);
      await page.getByLabel("Communities").fill("Valley, Rockford");
      await expectNoAxeViolations(page, "new training form");
      await page.getByRole("button", { name: "Plan the training" }).click();
      await h1(page, "Screening in family child care");
      for (const name of ["Lena Ortiz", "Sam Carter"]) {
        await page.getByLabel("Name", { exact: true }).fill(name);
        await page.getByRole("button", { name: "Register", exact: true }).click();
        await page.locator("label", { hasText: name }).waitFor();
      }
      await page.locator("label", { hasText: "Lena Ortiz" }).click();
      await page.getByRole("button", { name: "Save attendance" }).click();
      await page.getByText("Attendance saved.").waitFor();
      await page.getByText("2 registered, 1 attended, 0 survey responses").waitFor();
      await page.getByRole("button", { name: "Close the survey" }).click();
      await page.getByText("The survey is closed.").waitFor();
      await expectNoAxeViolations(page, "training being run");
      await shot("training");

      await page.getByRole("button", { name: "Español" }).click();
      await h1(page, "Screening in family child care");
      await page.getByRole("heading", { level: 2, name: "Inscripciones y asistencia" }).waitFor();
      await expectNoAxeViolations(page, "training in Spanish");
      await page.goto("/ta/dashboard");
      await h1(page, "Tablero del grupo de trabajo");
      await expectNoAxeViolations(page, "dashboard in Spanish");
      await shot("dashboard-es");
      await page.getByRole("button", { name: "English" }).click();
      await h1(page, "Work group dashboard");
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
