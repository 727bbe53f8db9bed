import { eq, gt } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createOrganizationWithRoles,
  createTestApp,
  type Session,
  type TestContext,
} from "../../../test/helpers.ts";
import { auditEvents, organizations, surveyResponses, trainings } from "../../db/schema/index.ts";

let ctx: TestContext;
let provider: Awaited<ReturnType<typeof createOrganizationWithRoles>>;
let stateAgency: Awaited<ReturnType<typeof createOrganizationWithRoles>>;
let otherState: Awaited<ReturnType<typeof createOrganizationWithRoles>>;
let county: Awaited<ReturnType<typeof createOrganizationWithRoles>>;

const LIKERT = [
  "objectives_clear",
  "content_relevant",
  "understand_collaboration",
  "toolkit_useful",
  "presenters_effective",
  "will_apply",
];
const allLikert = (value: number) => Object.fromEntries(LIKERT.map((k) => [k, value]));

let ip = 0;
/** Each anonymous participant comes from an address of its own, so the per-IP limit stays out of the way. */
const fromNewAddress = () => `10.0.${Math.floor(++ip / 250)}.${ip % 250}`;

async function createTraining(session: Session, body: Record<string, unknown> = {}) {
  return session.inject({
    method: "POST",
    url: "/api/trainings",
    payload: {
      title: "Statewide awareness training on collaboration and systems development",
      level: "awareness",
      sectors: ["early_care_education", "family_support"],
      startsAt: "2026-03-10T16:00:00.000Z",
      endsAt: "2026-03-10T22:00:00.000Z",
      location: "Springfield",
      communities: ["Rockford", "Peoria", "Rockford"],
      ...body,
    },
  });
}

const tokenOf = (surveyUrl: string) => surveyUrl.split("/survey/")[1] ?? "";

function answer(token: string, answers: Record<string, unknown>, remoteAddress = fromNewAddress()) {
  return ctx.app.inject({
    method: "POST",
    url: `/api/public/surveys/${token}/responses`,
    payload: { answers, locale: "en" },
    remoteAddress,
  });
}

async function lastSeq() {
  const all = await ctx.database.db.select({ seq: auditEvents.seq }).from(auditEvents);
  return Math.max(0, ...all.map((e) => Number(e.seq)));
}

beforeAll(async () => {
  ctx = await createTestApp();
  provider = await createOrganizationWithRoles(ctx, "ta_provider");
  stateAgency = await createOrganizationWithRoles(ctx, "state_agency");
  otherState = await createOrganizationWithRoles(ctx, "ta_provider");
  await ctx.database.db
    .update(organizations)
    .set({ stateCode: "OR" })
    .where(eq(organizations.id, otherState.org.id));
  county = await createOrganizationWithRoles(ctx, "county_child_welfare");
});
afterAll(() => ctx?.close());

describe("trainings", () => {
  it("lets the TA network schedule a training with a frozen survey and a secret link", async () => {
    const created = await createTraining(provider.staff, { capacity: 40 });
    expect(created.statusCode).toBe(201);
    const training = created.json();
    expect(training).toMatchObject({
      level: "awareness",
      communities: ["Rockford", "Peoria"],
      organizationId: provider.org.id,
      registered: 0,
      surveyOpen: true,
      canManage: true,
      survey: { key: "training-evaluation", version: 1 },
      registrations: [],
    });
    expect(training.surveyUrl).toMatch(/^http:\/\/trellis\.test\/survey\/[A-Za-z0-9_-]{32}$/);
    const [row] = await ctx.database.db.select().from(trainings).where(eq(trainings.id, training.id));
    expect(row?.survey.items).toHaveLength(8);
    expect(row?.stateCode).toBe("CA");

    expect((await createTraining(county.admin)).statusCode).toBe(403);
    expect((await createTraining(provider.viewer)).statusCode).toBe(403);
    const backwards = await createTraining(provider.staff, { endsAt: "2026-03-09T00:00:00.000Z" });
    expect(backwards.json().error.details[0].field).toBe("/body/endsAt");
  });

  it("shows trainings to the network of the organizer's state only", async () => {
    const training = (await createTraining(provider.staff, { title: "Network only" })).json();
    const titles = async (session: Session) =>
      (await session.inject({ method: "GET", url: "/api/trainings" }))
        .json()
        .items.map((t: { id: string }) => t.id);
    expect(await titles(stateAgency.staff)).toContain(training.id);
    expect(await titles(otherState.staff)).not.toContain(training.id);
    expect((await county.admin.inject({ method: "GET", url: "/api/trainings" })).statusCode).toBe(403);

    const seen = (
      await stateAgency.staff.inject({ method: "GET", url: `/api/trainings/${training.id}` })
    ).json();
    // The network sees the event, not who registered nor the survey's secret.
    expect(seen).toMatchObject({ id: training.id, canManage: false, surveyUrl: null, registrations: [] });

    const before = await lastSeq();
    const refused = await otherState.admin.inject({ method: "GET", url: `/api/trainings/${training.id}` });
    expect(refused.statusCode).toBe(404);
    const denial = (await ctx.database.db.select().from(auditEvents).where(gt(auditEvents.seq, before))).find(
      (e) => e.outcome === "denied",
    );
    expect(denial).toMatchObject({
      organizationId: provider.org.id,
      actorUserId: otherState.admin.me.user.id,
    });
    expect(
      (await otherState.staff.inject({ method: "GET", url: `/api/trainings/${training.id}/results` }))
        .statusCode,
    ).toBe(404);
    // Reading is not organizing: the state agency cannot register people for the provider's training.
    const register = await stateAgency.staff.inject({
      method: "POST",
      url: `/api/trainings/${training.id}/registrations`,
      payload: { name: "A. Person" },
    });
    expect(register.statusCode).toBe(404);
  });

  it("registers participants up to the capacity, then answers 409", async () => {
    const training = (await createTraining(provider.staff, { capacity: 2 })).json();
    const url = `/api/trainings/${training.id}/registrations`;
    const first = await provider.staff.inject({
      method: "POST",
      url,
      payload: {
        name: "Ana Ruiz",
        email: "Ana@Example.org",
        organizationName: "Rockford Early Start",
        community: "Rockford",
      },
    });
    expect(first.statusCode).toBe(201);
    expect(first.json().registrations[0]).toMatchObject({
      name: "Ana Ruiz",
      email: "ana@example.org",
      attended: false,
    });
    expect(
      (await provider.staff.inject({ method: "POST", url, payload: { name: "Ben Cole" } })).statusCode,
    ).toBe(201);
    const full = await provider.staff.inject({ method: "POST", url, payload: { name: "Cy Dunn" } });
    expect(full.statusCode).toBe(409);
    expect(full.json().error.code).toBe("training.full");
    const shrink = await provider.staff.inject({
      method: "PATCH",
      url: `/api/trainings/${training.id}`,
      payload: { version: 1, capacity: 1 },
    });
    expect(shrink.statusCode).toBe(400);
  });

  it("records attendance as exactly the registrations listed and refuses others' ids", async () => {
    const training = (await createTraining(provider.staff)).json();
    const url = `/api/trainings/${training.id}`;
    let doc = training;
    for (const name of ["A", "B", "C"]) {
      doc = (
        await provider.staff.inject({ method: "POST", url: `${url}/registrations`, payload: { name } })
      ).json();
    }
    const [a, b] = doc.registrations;
    const marked = await provider.staff.inject({
      method: "PUT",
      url: `${url}/attendance`,
      payload: { attended: [a.id, b.id] },
    });
    expect(marked.json()).toMatchObject({ registered: 3, attended: 2 });
    const again = await provider.staff.inject({
      method: "PUT",
      url: `${url}/attendance`,
      payload: { attended: [b.id] },
    });
    expect(again.json().attended).toBe(1);
    const bad = await provider.staff.inject({
      method: "PUT",
      url: `${url}/attendance`,
      payload: { attended: [b.id, "00000000-0000-4000-8000-000000000000"] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe("/body/attended/1");
  });
});

describe("public evaluation survey", () => {
  it("shows the survey in English or Spanish to anyone with the link, and 404 for an unknown token", async () => {
    const training = (await createTraining(provider.staff)).json();
    const token = tokenOf(training.surveyUrl);
    const en = await ctx.app.inject({ method: "GET", url: `/api/public/surveys/${token}` });
    expect(en.statusCode).toBe(200);
    expect(en.json()).toMatchObject({
      locale: "en",
      title: "Training evaluation",
      training: { title: training.title, location: "Springfield" },
      scale: 5,
      anchors: { low: "Strongly disagree", high: "Strongly agree" },
    });
    expect(en.json().items).toHaveLength(8);
    const es = (
      await ctx.app.inject({ method: "GET", url: `/api/public/surveys/${token}?locale=es` })
    ).json();
    expect(es.title).toBe("Evaluación de la capacitación");
    expect(es.items[0].text).toMatch(/objetivos/);
    const unknown = await ctx.app.inject({ method: "GET", url: `/api/public/surveys/${"x".repeat(32)}` });
    expect(unknown.statusCode).toBe(404);
    expect((await answer("y".repeat(32), allLikert(5))).statusCode).toBe(404);
  });

  it("validates the answers, naming the item, and keeps an accepted response without personal data", async () => {
    const training = (await createTraining(provider.staff)).json();
    const token = tokenOf(training.surveyUrl);
    const { will_apply: _skipped, ...missing } = allLikert(4);
    const incomplete = await answer(token, missing);
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().error.details).toEqual([
      { field: "/body/answers/will_apply", message: "is required" },
    ]);
    const unknown = await answer(token, { ...allLikert(4), favourite_color: "blue" });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0].field).toBe("/body/answers/favourite_color");
    const offScale = await answer(token, { ...allLikert(4), toolkit_useful: 6 });
    expect(offScale.json().error.details[0].field).toBe("/body/answers/toolkit_useful");
    const tooLong = await answer(token, { ...allLikert(4), most_useful: "x".repeat(2001) });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.details[0].field).toBe("/body/answers/most_useful");

    const before = await lastSeq();
    const accepted = await answer(token, { ...allLikert(5), most_useful: "  The toolkit walkthrough. " });
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json()).toEqual({ received: true });
    const rows = await ctx.database.db
      .select()
      .from(surveyResponses)
      .where(eq(surveyResponses.trainingId, training.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.answers).toEqual({ ...allLikert(5), most_useful: "The toolkit walkthrough." });
    const events = await ctx.database.db.select().from(auditEvents).where(gt(auditEvents.seq, before));
    expect(events.find((e) => e.action === "survey.respond")).toMatchObject({
      organizationId: provider.org.id,
      actorUserId: null,
      ip: null,
    });
  });

  it("answers 404 once the organizer closes the survey", async () => {
    const training = (await createTraining(provider.staff)).json();
    const token = tokenOf(training.surveyUrl);
    const closed = await provider.staff.inject({
      method: "PATCH",
      url: `/api/trainings/${training.id}`,
      payload: { version: 1, surveyOpen: false },
    });
    expect(closed.json()).toMatchObject({ surveyOpen: false, version: 2 });
    expect((await ctx.app.inject({ method: "GET", url: `/api/public/surveys/${token}` })).statusCode).toBe(
      404,
    );
    expect((await answer(token, allLikert(3))).statusCode).toBe(404);
    const stale = await provider.staff.inject({
      method: "PATCH",
      url: `/api/trainings/${training.id}`,
      payload: { version: 1, surveyOpen: true },
    });
    expect(stale.statusCode).toBe(409);
  });

  it("limits responses per address per minute", async () => {
    const training = (await createTraining(provider.staff)).json();
    const token = tokenOf(training.surveyUrl);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await answer(token, allLikert(4), "203.0.113.9")).statusCode);
    expect(statuses.slice(0, 10).every((s) => s === 201)).toBe(true);
    expect(statuses[10]).toBe(429);
    // Another participant is not held back by the first one's flood.
    expect((await answer(token, allLikert(4), "203.0.113.10")).statusCode).toBe(201);
  });

  it("stops accepting responses past the training's ceiling", async () => {
    const training = (await createTraining(provider.staff, { capacity: 30 })).json();
    const token = tokenOf(training.surveyUrl);
    await ctx.database.db
      .insert(surveyResponses)
      .values(Array.from({ length: 500 }, () => ({ trainingId: training.id, answers: allLikert(3) })));
    const over = await answer(token, allLikert(3));
    expect(over.statusCode).toBe(409);
    expect(over.json().error.code).toBe("survey.response_limit");
  });
});

describe("results", () => {
  it("scores one training's evaluation and summarizes across events", async () => {
    const training = (
      await createTraining(provider.staff, { startsAt: "2026-04-01T16:00:00.000Z", endsAt: null })
    ).json();
    const url = `/api/trainings/${training.id}`;
    let doc = training;
    for (const name of ["A", "B", "C", "D"]) {
      const registered = await provider.staff.inject({
        method: "POST",
        url: `${url}/registrations`,
        payload: { name },
      });
      expect(registered.body).toContain(name);
      doc = registered.json();
    }
    await provider.staff.inject({
      method: "PUT",
      url: `${url}/attendance`,
      payload: { attended: doc.registrations.map((r: { id: string }) => r.id) },
    });
    const token = tokenOf(training.surveyUrl);
    expect(
      (
        await answer(token, {
          ...allLikert(5),
          objectives_clear: 2,
          next_steps: "Help with a needs assessment.",
        })
      ).statusCode,
    ).toBe(201);
    expect((await answer(token, { ...allLikert(4), objectives_clear: 3 })).statusCode).toBe(201);
    expect((await answer(token, { ...allLikert(4), objectives_clear: 4, most_useful: "" })).statusCode).toBe(
      201,
    );

    const results = (await stateAgency.staff.inject({ method: "GET", url: `${url}/results` })).json();
    expect(results).toMatchObject({ scale: 5, responses: 3, responseRatePercent: 75 });
    const clear = results.likert.find((l: { key: string }) => l.key === "objectives_clear");
    // 2, 3, 4: mean 3, one of three agrees.
    expect(clear).toMatchObject({ n: 3, mean: 3, distribution: [0, 1, 1, 1, 0], percentAgree: 33.3 });
    const apply = results.likert.find((l: { key: string }) => l.key === "will_apply");
    expect(apply).toMatchObject({ n: 3, mean: 4.33, distribution: [0, 0, 0, 2, 1], percentAgree: 100 });
    // Item means: 3 and five of 4.33 → (3 + 5 × 4.33) / 6 = 4.11.
    expect(results.meanOfItemMeans).toBe(4.11);
    expect(results.open).toEqual([
      expect.objectContaining({ key: "most_useful", answers: [] }),
      expect.objectContaining({ key: "next_steps", answers: ["Help with a needs assessment."] }),
    ]);

    const summary = (
      await stateAgency.staff.inject({
        method: "GET",
        url: "/api/trainings/results?from=2026-04-01&to=2026-04-01",
      })
    ).json();
    expect(summary.events).toEqual([
      expect.objectContaining({
        trainingId: training.id,
        responses: 3,
        attended: 4,
        responseRatePercent: 75,
        meanOfItemMeans: 4.11,
      }),
    ]);
    expect(summary.items).toHaveLength(6);
    expect(summary.items[0]).toMatchObject({ key: "objectives_clear", events: 1, n: 3, mean: 3 });
    const none = (
      await stateAgency.staff.inject({ method: "GET", url: "/api/trainings/results?level=implementation" })
    ).json();
    expect(none.events).toEqual([]);
    expect((await county.staff.inject({ method: "GET", url: "/api/trainings/results" })).statusCode).toBe(
      403,
    );
    const elsewhere = (
      await otherState.staff.inject({ method: "GET", url: "/api/trainings/results" })
    ).json();
    expect(elsewhere.events).toEqual([]);
  });
});
