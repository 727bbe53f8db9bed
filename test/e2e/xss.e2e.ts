import type { APIRequestContext, Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  browserAvailable,
  DEMO_PASSWORD,
  h1,
  isoDay,
  launchBrowser,
  newPage,
  PLANNER_EMAIL,
  type RunningServer,
  startServer,
  TIME_ZONE,
} from "./harness.ts";

/**
 * Stored text comes back as text: markup a user typed (or an HSDS file carried) is shown literally and never
 * runs. Each payload would set window.__xss or open a dialog if it ran.
 */
const PAYLOADS = {
  img: '<img src=x onerror="window.__xss=1">',
  script: "<script>window.__xss=1</script>",
  svg: '"><svg onload=window.__xss=1>',
};
const JS_URL = "javascript:window.__xss=1";
const CASEWORKER = "caseworker@frc.example";
const STATE_REVIEWER = "reviewer@state.example";
/** The core representatives a SIP team needs before it can go to review (see sip.test.ts). */
const CORE_TEAM = [
  "cws_administrator",
  "cws_manager",
  "cws_social_worker",
  "probation",
  "probation_supervisor",
  "probation_officer",
  "foster_parent",
  "adoptions_agency",
];

interface Api {
  request: APIRequestContext;
  csrf: string;
  call(
    method: string,
    url: string,
    data?: unknown,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
}

/** Signs the browser context in through the API; its pages then share the session cookie. */
async function apiAs(context: BrowserContext, email: string): Promise<Api> {
  const request = context.request;
  const signIn = await request.post("/api/session", { data: { email, password: DEMO_PASSWORD } });
  expect(signIn.status()).toBe(200);
  const csrf = (await signIn.json()).csrfToken as string;
  return {
    request,
    csrf,
    async call(method, url, data) {
      const response = await request.fetch(url, {
        method,
        headers: { "x-csrf-token": csrf },
        ...(data === undefined ? {} : { data }),
      });
      const text = await response.text();
      return { status: response.status(), body: text.startsWith("{") ? JSON.parse(text) : {} };
    },
  };
}

/** Watches a page for anything a payload would do if it ran. */
function watch(page: Page) {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return {
    async expectNothingRan() {
      expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
      expect(dialogs).toEqual([]);
      // No link whose target is script.
      const scriptLinks = await page.locator('a[href^="javascript:" i]').count();
      expect(scriptLinks).toBe(0);
    },
  };
}

/** The payload is on the page as text (and so not as markup). */
async function expectLiteral(page: Page, text: string) {
  await page.getByText(text, { exact: false }).first().waitFor();
}

describe.skipIf(!browserAvailable)("stored text is rendered as text", () => {
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

  it("plan names and progress notes", async () => {
    const { context, page, errors } = await newPage(browser, server.baseUrl);
    const guard = watch(page);
    try {
      const api = await apiAs(context, PLANNER_EMAIL);
      const plan = await api.call("POST", "/api/plans", {
        templateKey: "linkages-work-plan",
        title: `Plan ${PAYLOADS.img}`,
        header: { county: "Any" },
      });
      expect(plan.status).toBe(201);
      const planId = plan.body.id as string;
      const topic = await api.call("POST", `/api/plans/${planId}/items`, {
        section: "administration",
        level: "topic_area_administration",
        title: `Topic ${PAYLOADS.svg}`,
        fields: { topic: "funding" },
      });
      expect(topic.status).toBe(201);
      const topicId = (topic.body.item as { id: string }).id;
      const step = await api.call("POST", `/api/plans/${planId}/items`, {
        parentId: topicId,
        level: "action_step",
        title: `Step ${PAYLOADS.img}`,
      });
      expect(step.status).toBe(201);
      const item = step.body.item as { id: string; version: number };
      // A script URL as evidence is refused; the note itself is stored as typed.
      const badLink = await api.call("PATCH", `/api/plans/${planId}/items/${item.id}`, {
        version: item.version,
        note: { text: "x", evidenceUrl: JS_URL },
      });
      expect(badLink.status).toBe(400);
      const noted = await api.call("PATCH", `/api/plans/${planId}/items/${item.id}`, {
        version: item.version,
        note: { text: `Note ${PAYLOADS.script}` },
      });
      expect(noted.status).toBe(200);

      await page.goto("/plans");
      await expectLiteral(page, `Plan ${PAYLOADS.img}`);
      await page.goto(`/plans/${planId}`);
      await h1(page, `Plan ${PAYLOADS.img}`);
      await expectLiteral(page, `Topic ${PAYLOADS.svg}`);
      await expectLiteral(page, `Step ${PAYLOADS.img}`);
      await page
        .getByRole("button", { name: /^Notes/ })
        .first()
        .click();
      await expectLiteral(page, `Note ${PAYLOADS.script}`);
      await guard.expectNothingRan();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("family names and contact notes", async () => {
    const { context, page, errors } = await newPage(browser, server.baseUrl);
    const guard = watch(page);
    try {
      const api = await apiAs(context, CASEWORKER);
      const family = await api.call("POST", "/api/families", {
        displayName: `Family ${PAYLOADS.svg}`,
        members: [
          { firstName: PAYLOADS.img, lastName: "Xss", dateOfBirth: "1990-01-01", relationship: "parent" },
        ],
      });
      expect(family.status).toBe(201);
      const familyId = family.body.id as string;
      const contact = await api.call("POST", `/api/families/${familyId}/contacts`, {
        contactDate: "2026-01-05",
        kind: "phone",
        notes: `Called ${PAYLOADS.script}`,
      });
      expect(contact.status).toBe(201);

      await page.goto(`/families/${familyId}`);
      await h1(page, `Family ${PAYLOADS.svg}`);
      await expectLiteral(page, `Called ${PAYLOADS.script}`);
      await guard.expectNothingRan();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("library resources and their comments", async () => {
    const { context, page, errors } = await newPage(browser, server.baseUrl);
    const guard = watch(page);
    try {
      const api = await apiAs(context, PLANNER_EMAIL);
      const badLink = await api.call("POST", "/api/library/resources", {
        title: "Bad link",
        kind: "toolkit",
        url: JS_URL,
      });
      expect(badLink.status).toBe(400);
      const resource = await api.call("POST", "/api/library/resources", {
        title: `Toolkit ${PAYLOADS.svg}`,
        description: `About ${PAYLOADS.img}`,
        kind: "toolkit",
        url: "https://example.org/toolkit",
      });
      expect(resource.status).toBe(201);
      const id = resource.body.id as string;
      const comment = await api.call("POST", `/api/library/resources/${id}/comments`, {
        body: `Comment ${PAYLOADS.script}`,
      });
      expect(comment.status).toBe(201);

      await page.goto(`/ta/library/${id}`);
      await h1(page, `Toolkit ${PAYLOADS.svg}`);
      await expectLiteral(page, `About ${PAYLOADS.img}`);
      await expectLiteral(page, `Comment ${PAYLOADS.script}`);
      await guard.expectNothingRan();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("an imported HSDS service: name, description and links", async () => {
    const { context, page, errors } = await newPage(browser, server.baseUrl);
    const guard = watch(page);
    try {
      const api = await apiAs(context, PLANNER_EMAIL);
      const orgId = "5b0c4e0a-6f58-4d2c-9f0e-1a2b3c4d5e6f";
      const serviceId = "6c1d5f1b-7a69-4e3d-8a1f-2b3c4d5e6f70";
      const imported = await api.call("POST", "/api/directory/import", {
        organization: [
          {
            id: orgId,
            name: `Provider ${PAYLOADS.svg}`,
            description: `Provider ${PAYLOADS.img}`,
            website: JS_URL,
          },
        ],
        service: [
          {
            id: serviceId,
            organization_id: orgId,
            name: `Service ${PAYLOADS.img}`,
            description: `Helps ${PAYLOADS.script}`,
            url: JS_URL,
            email: "help@example.org",
            status: "active",
          },
        ],
      });
      expect(imported.status, JSON.stringify(imported.body)).toBe(200);

      await page.goto(`/directory/services/${serviceId}`);
      await h1(page, `Service ${PAYLOADS.img}`);
      await expectLiteral(page, `Helps ${PAYLOADS.script}`);
      await guard.expectNothingRan();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("public comments on a posted SIP and the state's review comments", async () => {
    const { context, page, errors } = await newPage(browser, server.baseUrl);
    const guard = watch(page);
    try {
      const county = await apiAs(context, PLANNER_EMAIL);
      const plan = await county.call("POST", "/api/plans", {
        templateKey: "county-sip",
        title: "Any County SIP (xss)",
        periodStart: "2026-01-01",
        header: { county: "Any County", responsible_agency: "Any County Child Welfare Services" },
      });
      expect(plan.status).toBe(201);
      const planId = plan.body.id as string;
      const add = async (payload: Record<string, unknown>) => {
        const r = await county.call("POST", `/api/plans/${planId}/items`, payload);
        expect(r.status, JSON.stringify(r.body)).toBe(201);
        return (r.body.item as { id: string }).id;
      };
      const component = await add({
        section: "components",
        level: "component",
        title: "Recurrence of maltreatment",
        fields: { measure_code: "S2", current_performance: "10.2%" },
      });
      const goal = await add({ parentId: component, level: "goal", title: "Reduce recurrence." });
      const strategy = await add({
        parentId: goal,
        level: "strategy",
        title: "Expand Differential Response.",
        fields: { rationale: "Early help." },
      });
      await add({
        parentId: strategy,
        level: "milestone",
        title: "Staff trained.",
        timeframe: "6 months",
        assigneeText: "Program manager",
        dueDate: "2026-06-30",
      });
      for (const representative of CORE_TEAM) {
        const member = await county.call("POST", `/api/plans/${planId}/team`, {
          name: `Rep ${representative}`,
          affiliation: "Any County",
          category: "core",
          representative,
        });
        expect(member.status).toBe(201);
      }
      for (const to of ["team_review", "board_approval"]) {
        expect((await county.call("POST", `/api/plans/${planId}/transitions`, { to })).status).toBe(200);
      }
      const today = isoDay(0);
      const posting = await county.call("PUT", `/api/plans/${planId}/public-posting`, {
        commentsOpenFrom: today,
        commentsOpenUntil: `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`,
      });
      expect(posting.status, JSON.stringify(posting.body)).toBe(200);
      const slug = posting.body.slug as string;
      const publicComment = await county.call("POST", `/api/public/plans/${slug}/comments`, {
        body: `Public ${PAYLOADS.img}`,
        name: PAYLOADS.svg,
      });
      expect(publicComment.status, JSON.stringify(publicComment.body)).toBe(201);
      const queue = await county.call("GET", `/api/plans/${planId}/public-comments`);
      const pending = (queue.body.items as { id: string }[])[0];
      const moderated = await county.call("PUT", `/api/plans/${planId}/public-comments/${pending?.id}`, {
        status: "published",
        response: `Answer ${PAYLOADS.script}`,
      });
      expect(moderated.status).toBe(200);
      const submitted = await county.call("POST", `/api/plans/${planId}/transitions`, {
        to: "submitted",
        boardApprovalDate: "2026-05-12",
        agendaItem: `Item ${PAYLOADS.svg}`,
      });
      expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);

      const stateContext = await browser.newContext({ baseURL: server.baseUrl, timezoneId: TIME_ZONE });
      try {
        const reviewer = await apiAs(stateContext, STATE_REVIEWER);
        expect(
          (await reviewer.call("POST", `/api/plans/${planId}/transitions`, { to: "state_review" })).status,
        ).toBe(200);
        const comment = await reviewer.call("POST", `/api/plans/${planId}/review-comments`, {
          itemId: component,
          body: `Review ${PAYLOADS.svg}`,
        });
        expect(comment.status).toBe(201);
      } finally {
        await stateContext.close();
      }

      await page.goto(`/plans/${planId}/review`);
      await expectLiteral(page, `Review ${PAYLOADS.svg}`);
      await guard.expectNothingRan();

      const anonymous = await newPage(browser, server.baseUrl);
      const publicGuard = watch(anonymous.page);
      try {
        await anonymous.page.goto(`/public/plans/${slug}`);
        await expectLiteral(anonymous.page, `Public ${PAYLOADS.img}`);
        await expectLiteral(anonymous.page, `Answer ${PAYLOADS.script}`);
        await publicGuard.expectNothingRan();
        expect(anonymous.errors).toEqual([]);
      } finally {
        await anonymous.context.close();
      }
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("CSV exports neutralize cells that a spreadsheet would run as formulas", async () => {
    const { context } = await newPage(browser, server.baseUrl);
    try {
      const api = await apiAs(context, PLANNER_EMAIL);
      const formulas = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)"];
      const plan = await api.call("POST", "/api/plans", {
        templateKey: "linkages-work-plan",
        title: '=HYPERLINK("http://evil.example")',
        header: { county: "Any" },
      });
      expect(plan.status).toBe(201);
      const planId = plan.body.id as string;
      const topic = await api.call("POST", `/api/plans/${planId}/items`, {
        section: "administration",
        level: "topic_area_administration",
        title: formulas[0],
        fields: { topic: "funding" },
      });
      expect(topic.status).toBe(201);
      const topicId = (topic.body.item as { id: string }).id;
      for (const title of formulas) {
        const step = await api.call("POST", `/api/plans/${planId}/items`, {
          parentId: topicId,
          level: "action_step",
          title,
        });
        expect(step.status, JSON.stringify(step.body)).toBe(201);
      }
      const planCsv = await (await api.request.get(`/api/plans/${planId}/export?format=csv`)).text();
      const auditCsv = await (await api.request.get("/api/audit-events.csv")).text();
      for (const [name, csv] of [
        ["plan", planCsv],
        ["audit", auditCsv],
      ] as const) {
        // Every cell: quoted or not, none may start with a formula character.
        const cells = csv
          .replace(/^\uFEFF/, "")
          .split(/\r?\n/)
          .flatMap((line) => line.split(","))
          .map((cell) => cell.replace(/^"/, ""));
        const risky = cells.filter((cell) => /^[=+@]/.test(cell) || /^-[^0-9]/.test(cell));
        expect(risky, `${name} CSV`).toEqual([]);
      }
      for (const formula of formulas) expect(planCsv).toContain(`'${formula.replaceAll('"', '""')}`);
    } finally {
      await context.close();
    }
  });
});
