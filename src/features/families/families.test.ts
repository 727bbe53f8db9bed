import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  auditEventsFor,
  createOrganizationWithRoles,
  createTestApp,
  type Session,
  type TestContext,
} from "../../../test/helpers.ts";
import { todayIn } from "../../server/config.ts";
import { addDays } from "../plans/plans.rules.ts";
import { STRENGTHS_AND_NEEDS_V1 } from "./families.instruments.ts";
import type { FamilyDocument } from "./families.presenter.ts";

let ctx: TestContext;
let frc: Awaited<ReturnType<typeof createOrganizationWithRoles>>;
let stranger: Awaited<ReturnType<typeof createOrganizationWithRoles>>;
let today: string;

beforeAll(async () => {
  ctx = await createTestApp();
  frc = await createOrganizationWithRoles(ctx, "community_provider");
  stranger = await createOrganizationWithRoles(ctx, "community_provider");
  today = todayIn(ctx.app.config.timeZone);
});
afterAll(() => ctx.close());

let seq = 0;
function intakeBody(overrides: Record<string, unknown> = {}) {
  seq++;
  return {
    displayName: `Rivera family ${seq}`,
    preferredLanguage: "es",
    phone: `(555) 010-${String(1000 + seq)}`,
    referralSource: "Pediatric clinic",
    referralDate: addDays(today, -20),
    // Distinct dates of birth per family, so the factory's families are not duplicates of each other.
    members: [
      {
        firstName: "Elena",
        lastName: "Rivera",
        dateOfBirth: addDays("1980-01-01", seq * 3),
        relationship: "parent",
      },
      {
        firstName: "Mateo",
        lastName: "Rivera",
        dateOfBirth: addDays(today, -700 - seq * 3),
        relationship: "child",
      },
    ],
    ...overrides,
  };
}

async function intake(
  session: Session = frc.staff,
  overrides: Record<string, unknown> = {},
): Promise<FamilyDocument> {
  const response = await session.inject({
    method: "POST",
    url: "/api/families",
    payload: intakeBody(overrides),
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const scores = (overrides: Record<string, number> = {}) => ({
  ...Object.fromEntries(STRENGTHS_AND_NEEDS_V1.domains.map((d) => [d.key, 3])),
  ...overrides,
});

const planBody = (basedOnRevision: number | null) => ({
  basedOnRevision,
  goals: [
    {
      goal: "We want our own place before the baby's birthday.",
      domain: "housing",
      steps: [{ action: "Apply for rapid rehousing", who: "Elena with Rosa", when: "This week" }],
      servicesNeeded: ["Rapid rehousing", "Child care subsidy"],
    },
  ],
  disengagement: {
    when: "When we have been housed for three months",
    how: "Monthly check-ins, then a last visit",
    needs: "The resource center's number and the 211 line",
  },
});

describe("intake", () => {
  it("creates a family with members, highlights children under five, and makes the intake worker the case manager", async () => {
    const family = await intake();
    expect(family).toMatchObject({
      status: "open",
      step: "intake",
      preferredLanguage: "es",
      caseManagerUserId: frc.staff.me.user.id,
      intensity: null,
      servicePlan: null,
    });
    expect(family.members.map((m) => m.underFive)).toEqual([false, true]);
    expect(family.reassessmentDue?.dueOn).toBe(family.referralDate);
    expect(await auditEventsFor(ctx, "family.create")).toContainEqual(
      expect.objectContaining({ resourceId: family.id, organizationId: frc.org.id, outcome: "success" }),
    );
  });

  it("warns of a possible duplicate (similar name, same date of birth) and creates it only when confirmed", async () => {
    await intake(frc.staff, {
      members: [
        { firstName: "Guadalupe", lastName: "Hernández", dateOfBirth: "1988-11-02", relationship: "parent" },
      ],
    });
    const again = {
      members: [
        { firstName: "Guadalupe", lastName: "Hernandes", dateOfBirth: "1988-11-02", relationship: "parent" },
      ],
    };
    const refused = await frc.staff.inject({
      method: "POST",
      url: "/api/families",
      payload: intakeBody(again),
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: "family.possible_duplicate",
      details: [expect.objectContaining({ field: "/body/members/0", memberName: "Guadalupe Hernández" })],
    });
    // Another organization's family of the same name is not a duplicate of ours, and not revealed.
    const elsewhere = await stranger.staff.inject({
      method: "POST",
      url: "/api/families",
      payload: intakeBody(again),
    });
    expect(elsewhere.statusCode).toBe(201);
    const confirmed = await frc.staff.inject({
      method: "POST",
      url: "/api/families",
      payload: intakeBody({ ...again, confirmNotDuplicate: true }),
    });
    expect(confirmed.statusCode).toBe(201);
  });

  it("merges a duplicate record: its members and history move, and it disappears from search", async () => {
    const keep = await intake();
    const dup = await intake(frc.staff, {
      confirmNotDuplicate: true,
      members: [
        { firstName: "Solo", lastName: "Duplicado", dateOfBirth: "1990-01-01", relationship: "parent" },
      ],
    });
    await frc.staff.inject({
      method: "POST",
      url: `/api/families/${dup.id}/contacts`,
      payload: { contactDate: today, kind: "phone", notes: "Called" },
    });
    const merged = await frc.staff.inject({
      method: "POST",
      url: `/api/families/${keep.id}/merge`,
      payload: { version: keep.version, duplicateId: dup.id },
    });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json().members.map((m: { lastName: string }) => m.lastName)).toContain("Duplicado");
    expect(merged.json().contacts).toHaveLength(1);
    expect((await frc.staff.inject({ method: "GET", url: `/api/families/${dup.id}` })).statusCode).toBe(404);
  });

  it("rejects unknown fields, wrong types and a bad date with 400 naming the field", async () => {
    const unknown = await frc.staff.inject({
      method: "POST",
      url: "/api/families",
      payload: { ...intakeBody(), ssn: "1" },
    });
    expect(unknown.statusCode).toBe(400);
    expect(JSON.stringify(unknown.json().error.details)).toContain("ssn");
    const wrongType = await frc.staff.inject({
      method: "POST",
      url: "/api/families",
      payload: intakeBody({ members: [{ firstName: 1, lastName: "x", relationship: "parent" }] }),
    });
    expect(wrongType.statusCode).toBe(400);
    expect(JSON.stringify(wrongType.json().error.details)).toContain("firstName");
    const noMembers = await frc.staff.inject({
      method: "POST",
      url: "/api/families",
      payload: intakeBody({ members: [] }),
    });
    expect(noMembers.statusCode).toBe(400);
  });
});

describe("search", () => {
  it("finds families by name, by a member's date of birth and by phone in any format", async () => {
    const family = await intake(frc.staff, {
      displayName: "Okafor household",
      phone: "555-777-1234",
      members: [
        { firstName: "Chidi", lastName: "Okafor", dateOfBirth: "1985-07-04", relationship: "parent" },
      ],
    });
    const find = async (query: string) =>
      (await frc.staff.inject({ method: "GET", url: `/api/families?${query}` }))
        .json()
        .items.map((f: { id: string }) => f.id);
    expect(await find("q=chidi")).toEqual([family.id]);
    expect(await find("q=okafor%20household")).toEqual([family.id]);
    expect(await find("dateOfBirth=1985-07-04")).toEqual([family.id]);
    expect(await find("phone=%2B1%20(555)%20777-1234")).toEqual([family.id]);
    expect(await find("q=nobody-like-this")).toEqual([]);
    // Another organization sees none of ours.
    const theirs = (await stranger.admin.inject({ method: "GET", url: "/api/families?q=okafor" })).json()
      .items;
    expect(theirs).toEqual([]);
    expect(await auditEventsFor(ctx, "family.list")).not.toHaveLength(0);
  });
});

describe("the five steps", () => {
  it("counts a contact made the afternoon the plan was written, by the deployment's day, not UTC's", async () => {
    // 17:30 in California (18:30 in summer) on `today`, which is already the next day in UTC: the window in which
    // the plan's UTC date said the contact came before the plan (found by CI after midnight UTC).
    vi.useFakeTimers({ toFake: ["Date"], now: new Date(`${addDays(today, 1)}T01:30:00Z`) });
    try {
      expect(todayIn(ctx.app.config.timeZone)).toBe(today);
      let family = await intake();
      const assessed = await frc.staff.inject({
        method: "POST",
        url: `/api/families/${family.id}/assessments`,
        payload: { assessedOn: addDays(today, -2), scores: scores({}), crisisKinds: [] },
      });
      expect(assessed.statusCode, assessed.body).toBe(201);
      family = assessed.json();
      const decided = await frc.staff.inject({
        method: "PUT",
        url: `/api/families/${family.id}/intensity`,
        payload: { version: family.version, level: "standard", reason: "Stable housing, needs support." },
      });
      expect(decided.statusCode, decided.body).toBe(200);
      const planned = await frc.staff.inject({
        method: "POST",
        url: `/api/families/${family.id}/service-plans`,
        payload: planBody(null),
      });
      expect(planned.statusCode, planned.body).toBe(201);
      expect(planned.json().step).toBe("service_plan");
      const contacted = await frc.staff.inject({
        method: "POST",
        url: `/api/families/${family.id}/contacts`,
        payload: {
          contactDate: today,
          kind: "phone",
          durationMinutes: 15,
          notes: "Checked in after the plan.",
        },
      });
      expect(contacted.statusCode, contacted.body).toBe(201);
      expect(contacted.json().step).toBe("monitoring");
    } finally {
      vi.useRealTimers();
    }
  });

  it("takes a family from assessment through intensity, plan, contacts and closure, and reopens it", async () => {
    let family = await intake();
    // Step 1: assessment with a crisis → intensive suggested.
    const assessed = await frc.staff.inject({
      method: "POST",
      url: `/api/families/${family.id}/assessments`,
      payload: {
        assessedOn: addDays(today, -14),
        scores: scores({ housing: 1 }),
        crisisKinds: ["housing_loss"],
      },
    });
    expect(assessed.statusCode, assessed.body).toBe(201);
    family = assessed.json();
    expect(family.step).toBe("assessment");
    expect(family.suggestedIntensity).toEqual({ level: "intensive", reasons: ["crisis:housing_loss"] });
    expect(family.assessments[0]).toMatchObject({ total: 34, needs: ["housing"] });

    // Intensity decided by the case manager, with a reason.
    const decided = await frc.staff.inject({
      method: "PUT",
      url: `/api/families/${family.id}/intensity`,
      payload: {
        version: family.version,
        level: "intensive",
        reason: "Lost housing last week; staying with a cousin.",
      },
    });
    expect(decided.statusCode).toBe(200);
    family = decided.json();
    expect(family).toMatchObject({
      intensity: "intensive",
      intensityReason: expect.stringContaining("Lost housing"),
    });
    // Intensive: contact expected every 7 days from opening (no contact yet) → overdue.
    expect(family.contactDue?.overdue).toBe(true);

    // Step 2: the service plan.
    const planned = await frc.staff.inject({
      method: "POST",
      url: `/api/families/${family.id}/service-plans`,
      payload: planBody(null),
    });
    expect(planned.statusCode, planned.body).toBe(201);
    family = planned.json();
    expect(family.step).toBe("service_plan");
    expect(family.servicePlan).toMatchObject({ revision: 1, status: "active" });

    // Step 4: contacts.
    const contacted = await frc.staff.inject({
      method: "POST",
      url: `/api/families/${family.id}/contacts`,
      payload: {
        contactDate: today,
        kind: "home_visit",
        durationMinutes: 60,
        notes: "Visited at the cousin's home.",
        servicesReview: [{ service: "Rapid rehousing", appropriate: true, helpful: false, note: "Waitlist" }],
      },
    });
    expect(contacted.statusCode).toBe(201);
    family = contacted.json();
    expect(family.step).toBe("monitoring");
    expect(family.contactDue).toEqual({ dueOn: addDays(today, 7), overdue: false, daysOverdue: 0 });

    // A revision of the plan keeps the history.
    const revised = await frc.staff.inject({
      method: "POST",
      url: `/api/families/${family.id}/service-plans`,
      payload: { ...planBody(1), changeNote: "Added child care" },
    });
    expect(revised.statusCode).toBe(201);
    expect(
      revised.json().planRevisions.map((p: { revision: number; status: string }) => [p.revision, p.status]),
    ).toEqual([
      [2, "active"],
      [1, "superseded"],
    ]);
    family = revised.json();

    // Step 5: closure, then nothing more can be logged until reopened.
    const closed = await frc.staff.inject({
      method: "POST",
      url: `/api/families/${family.id}/closure`,
      payload: {
        version: family.version,
        closedOn: today,
        reason: "goals_met",
        goalsMet: "Housed; child care in place.",
        maintenancePlan: "Keep the budget we made.",
        anticipatedNeeds: "Help with preschool enrollment next year.",
        whereToSeekHelp: "Harbor FRC front desk, 211.",
      },
    });
    expect(closed.statusCode, closed.body).toBe(200);
    family = closed.json();
    expect(family).toMatchObject({ status: "closed", step: "closed", contactDue: null });
    const afterClose = await frc.staff.inject({
      method: "POST",
      url: `/api/families/${family.id}/contacts`,
      payload: { contactDate: today, kind: "phone", notes: "x" },
    });
    expect(afterClose.statusCode).toBe(409);
    expect(afterClose.json().error.code).toBe("family.case_closed");

    const reopened = await frc.staff.inject({
      method: "POST",
      url: `/api/families/${family.id}/reopening`,
      payload: { version: family.version, reason: "Lost child care again." },
    });
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json()).toMatchObject({ status: "open" });
    expect(reopened.json().closures[0]).toMatchObject({
      reason: "goals_met",
      reopenReason: "Lost child care again.",
    });

    for (const action of [
      "family.assessment.create",
      "family.intensity.set",
      "family.service_plan.create",
      "family.contact.log",
      "family.case.close",
      "family.case.reopen",
    ]) {
      expect(await auditEventsFor(ctx, action), action).toContainEqual(
        expect.objectContaining({ resourceId: family.id }),
      );
    }
  });

  it("audits every read of a family record", async () => {
    const family = await intake();
    await frc.manager.inject({ method: "GET", url: `/api/families/${family.id}` });
    expect(await auditEventsFor(ctx, "family.read")).toContainEqual(
      expect.objectContaining({
        resourceId: family.id,
        actorUserId: frc.manager.me.user.id,
        outcome: "success",
      }),
    );
  });

  it("names an incomplete assessment, a score off the scale and a future date", async () => {
    const family = await intake();
    const { housing: _h, ...partial } = scores();
    const bad = await frc.staff.inject({
      method: "POST",
      url: `/api/families/${family.id}/assessments`,
      payload: { assessedOn: today, scores: { ...partial, food: 9 }, crisisKinds: ["alien"] },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(["/body/crisisKinds/0", "/body/scores/food", "/body/scores/housing"]);
    const future = await frc.staff.inject({
      method: "POST",
      url: `/api/families/${family.id}/contacts`,
      payload: { contactDate: addDays(today, 3), kind: "phone", notes: "x" },
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details[0].field).toBe("/body/contactDate");
    const wrongKind = await frc.staff.inject({
      method: "POST",
      url: `/api/families/${family.id}/contacts`,
      payload: { contactDate: today, kind: "carrier_pigeon", notes: "x" },
    });
    expect(wrongKind.statusCode).toBe(400);
  });
});

describe("concurrent edits", () => {
  it("answers 409 to the second of two edits made from the same version", async () => {
    const family = await intake();
    const first = await frc.staff.inject({
      method: "PATCH",
      url: `/api/families/${family.id}`,
      payload: { version: family.version, address: "12 Harbor St" },
    });
    expect(first.statusCode).toBe(200);
    const second = await frc.manager.inject({
      method: "PATCH",
      url: `/api/families/${family.id}`,
      payload: { version: family.version, address: "99 Other Rd" },
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe("conflict.stale_version");
    expect(
      (await frc.staff.inject({ method: "GET", url: `/api/families/${family.id}` })).json().address,
    ).toBe("12 Harbor St");
  });

  it("answers 409 to a plan revision based on a revision that is no longer the newest", async () => {
    const family = await intake();
    const url = `/api/families/${family.id}/service-plans`;
    expect((await frc.staff.inject({ method: "POST", url, payload: planBody(null) })).statusCode).toBe(201);
    const [a, b] = await Promise.all([
      frc.staff.inject({ method: "POST", url, payload: planBody(1) }),
      frc.manager.inject({ method: "POST", url, payload: planBody(1) }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
  });
});

describe("supervisor approval and caseloads", () => {
  it("holds plans for a manager's approval when the organization asks for it", async () => {
    const staffTry = await frc.staff.inject({
      method: "PUT",
      url: "/api/family-settings",
      payload: { requirePlanApproval: true },
    });
    expect(staffTry.statusCode).toBe(403);
    const on = await frc.manager.inject({
      method: "PUT",
      url: "/api/family-settings",
      payload: { requirePlanApproval: true },
    });
    expect(on.json()).toMatchObject({ requirePlanApproval: true, canManage: true });
    try {
      const family = await intake();
      const planned = (
        await frc.staff.inject({
          method: "POST",
          url: `/api/families/${family.id}/service-plans`,
          payload: planBody(null),
        })
      ).json();
      expect(planned.servicePlan).toMatchObject({ revision: 1, status: "pending_approval" });
      const byStaff = await frc.staff.inject({
        method: "POST",
        url: `/api/families/${family.id}/service-plans/1/approval`,
      });
      expect(byStaff.statusCode).toBe(403);
      const approved = await frc.manager.inject({
        method: "POST",
        url: `/api/families/${family.id}/service-plans/1/approval`,
      });
      expect(approved.statusCode).toBe(200);
      expect(approved.json().servicePlan).toMatchObject({
        status: "active",
        approvedByName: expect.any(String),
      });
      const twice = await frc.manager.inject({
        method: "POST",
        url: `/api/families/${family.id}/service-plans/1/approval`,
      });
      expect(twice.json().error.code).toBe("family.plan_not_pending");
    } finally {
      await frc.manager.inject({
        method: "PUT",
        url: "/api/family-settings",
        payload: { requirePlanApproval: false },
      });
    }
  });

  it("shows a case manager their families with next actions, and a supervisor every worker's caseload", async () => {
    const crisis = await intake(frc.staff);
    await frc.staff.inject({
      method: "POST",
      url: `/api/families/${crisis.id}/assessments`,
      payload: {
        assessedOn: today,
        scores: scores({ family_safety: 1 }),
        crisisKinds: ["domestic_violence"],
      },
    });
    const managers = await intake(frc.manager);
    const mine = (await frc.staff.inject({ method: "GET", url: "/api/caseload" })).json();
    expect(mine.view).toBe("mine");
    const ids = mine.families.map((f: { id: string }) => f.id);
    expect(ids).toContain(crisis.id);
    expect(ids).not.toContain(managers.id);
    // Families in crisis come first.
    expect(mine.families[0]).toMatchObject({ inCrisis: true });
    expect(mine.families.find((f: { id: string }) => f.id === crisis.id)).toMatchObject({
      nextAction: "decide_intensity",
      step: "assessment",
    });
    expect(mine.counts.inCrisis).toBeGreaterThanOrEqual(1);

    expect((await frc.staff.inject({ method: "GET", url: "/api/caseload?view=supervisor" })).statusCode).toBe(
      403,
    );
    const sup = (await frc.manager.inject({ method: "GET", url: "/api/caseload?view=supervisor" })).json();
    const workers = Object.fromEntries(sup.workers.map((w: { userId: string }) => [w.userId, w]));
    expect(workers[frc.staff.me.user.id]).toMatchObject({
      open: mine.families.length,
      inCrisis: mine.counts.inCrisis,
    });
    expect(workers[frc.manager.me.user.id].open).toBeGreaterThanOrEqual(1);
    expect(await auditEventsFor(ctx, "caseload.read")).not.toHaveLength(0);
  });
});

describe("confidentiality", () => {
  it("refuses another organization's admin and our own viewers, as not found, and audits the refusals", async () => {
    const family = await intake();
    for (const session of [stranger.admin, frc.viewer]) {
      const response = await session.inject({ method: "GET", url: `/api/families/${family.id}` });
      expect(response.statusCode).toBe(session === frc.viewer ? 403 : 404);
    }
    const denials = (await auditEventsFor(ctx, "family.read")).filter(
      (e) => e.outcome === "denied" && e.resourceId === family.id,
    );
    expect(denials.map((e) => e.actorUserId).sort()).toEqual(
      [stranger.admin.me.user.id, frc.viewer.me.user.id].sort(),
    );
    const caseload = await frc.viewer.inject({ method: "GET", url: "/api/caseload" });
    expect(caseload.statusCode).toBe(403);
  });
});

describe("the printable service plan", () => {
  it("prints the plan as a PDF in Spanish and audits the export", async () => {
    const family = await intake();
    await frc.staff.inject({
      method: "POST",
      url: `/api/families/${family.id}/service-plans`,
      payload: planBody(null),
    });
    const response = await frc.staff.inject({
      method: "GET",
      url: `/api/families/${family.id}/service-plan.pdf?locale=es`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/pdf");
    expect(response.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
    const pdf = await getDocument({ data: new Uint8Array(response.rawPayload) }).promise;
    const page = await pdf.getPage(1);
    const text = (await page.getTextContent()).items.map((i) => ("str" in i ? i.str : "")).join(" ");
    expect(text).toContain("Plan de servicios de nuestra familia");
    expect(text).toContain("Nuestras metas, en nuestras propias palabras");
    expect(text).toContain("We want our own place");
    // Without a locale, the plan prints in the family's preferred language (Spanish here).
    const byDefault = await frc.staff.inject({
      method: "GET",
      url: `/api/families/${family.id}/service-plan.pdf`,
    });
    expect(byDefault.headers["content-disposition"]).toMatch(/-es\.pdf"$/);
    const english = await frc.staff.inject({
      method: "GET",
      url: `/api/families/${family.id}/service-plan.pdf?locale=en`,
    });
    expect(english.headers["content-disposition"]).toMatch(/-en\.pdf"$/);
    expect(await auditEventsFor(ctx, "family.service_plan.export")).toContainEqual(
      expect.objectContaining({ resourceId: family.id, metadata: expect.objectContaining({ locale: "es" }) }),
    );
  });
});

describe("household members after intake", () => {
  it("adds a newborn, corrects a date of birth and a phone, and removes someone who left, auditing each change", async () => {
    const family = await intake();
    const base = `/api/families/${family.id}/members`;
    const added = await frc.staff.inject({
      method: "POST",
      url: base,
      payload: {
        version: family.version,
        firstName: " Sofía ",
        lastName: "Rivera",
        dateOfBirth: addDays(today, -10),
        relationship: "child",
      },
    });
    expect(added.statusCode, added.body).toBe(201);
    const afterAdd: FamilyDocument = added.json();
    expect(afterAdd.version).toBe(family.version + 1);
    expect(afterAdd.members.map((m) => m.firstName)).toEqual(["Elena", "Mateo", "Sofía"]);
    const newborn = afterAdd.members[2];
    expect(newborn).toMatchObject({ underFive: true, age: 0, relationship: "child" });

    const elena = afterAdd.members[0];
    const corrected = await frc.staff.inject({
      method: "PATCH",
      url: `${base}/${elena?.id}`,
      payload: { version: afterAdd.version, dateOfBirth: "1981-02-03", phone: "(555) 777-1234" },
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    const afterUpdate: FamilyDocument = corrected.json();
    expect(afterUpdate.members[0]).toMatchObject({
      id: elena?.id,
      firstName: "Elena",
      dateOfBirth: "1981-02-03",
      phone: "(555) 777-1234",
    });
    // The corrected phone and date of birth are searchable.
    const found = await frc.staff.inject({ method: "GET", url: "/api/families?phone=5557771234" });
    expect(found.json().items.map((f: { id: string }) => f.id)).toContain(family.id);

    const mateo = afterUpdate.members[1];
    const removed = await frc.staff.inject({
      method: "DELETE",
      url: `${base}/${mateo?.id}?version=${afterUpdate.version}`,
    });
    expect(removed.statusCode, removed.body).toBe(200);
    expect((removed.json() as FamilyDocument).members.map((m) => m.firstName)).toEqual(["Elena", "Sofía"]);

    for (const action of ["family.member.add", "family.member.update", "family.member.remove"]) {
      expect(await auditEventsFor(ctx, action)).toContainEqual(
        expect.objectContaining({ resourceId: family.id, organizationId: frc.org.id, outcome: "success" }),
      );
    }
    const updates = (await auditEventsFor(ctx, "family.member.update")).filter(
      (e) => e.resourceId === family.id,
    );
    // Which fields changed, never their values.
    expect(JSON.stringify(updates.map((e) => e.metadata))).not.toContain("1981-02-03");
  });

  it("does not run the intake duplicate check for an added member", async () => {
    const first = await intake();
    const other = await intake();
    const twin = first.members[0];
    const response = await frc.staff.inject({
      method: "POST",
      url: `/api/families/${other.id}/members`,
      payload: {
        version: other.version,
        firstName: twin?.firstName,
        lastName: twin?.lastName,
        dateOfBirth: twin?.dateOfBirth,
        relationship: "other",
      },
    });
    expect(response.statusCode, response.body).toBe(201);
  });

  it("answers 409 with the current version to a stale edit, and changes nothing", async () => {
    const family = await intake();
    const member = family.members[0];
    const url = `/api/families/${family.id}/members/${member?.id}`;
    const first = await frc.staff.inject({
      method: "PATCH",
      url,
      payload: { version: family.version, phone: "555-0001" },
    });
    expect(first.statusCode).toBe(200);
    const stale = await frc.manager.inject({
      method: "PATCH",
      url,
      payload: { version: family.version, phone: "555-9999" },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe("conflict.stale_version");
    expect(stale.json().error.details[0].currentVersion).toBe(family.version + 1);
    const staleAdd = await frc.manager.inject({
      method: "POST",
      url: `/api/families/${family.id}/members`,
      payload: { version: family.version, firstName: "Late", lastName: "Rivera", relationship: "other" },
    });
    expect(staleAdd.statusCode).toBe(409);
    const staleRemove = await frc.manager.inject({
      method: "DELETE",
      url: `${url}?version=${family.version}`,
    });
    expect(staleRemove.statusCode).toBe(409);
    const now: FamilyDocument = (
      await frc.staff.inject({ method: "GET", url: `/api/families/${family.id}` })
    ).json();
    expect(now.members).toHaveLength(2);
    expect(now.members[0]?.phone).toBe("555-0001");
  });

  it("keeps the last member, and answers 404 for a member of another family", async () => {
    const family = await intake(frc.staff, {
      members: [
        {
          firstName: "Solo",
          lastName: "Parent",
          dateOfBirth: addDays("1970-01-01", seq),
          relationship: "parent",
        },
      ],
    });
    const only = family.members[0];
    const last = await frc.staff.inject({
      method: "DELETE",
      url: `/api/families/${family.id}/members/${only?.id}?version=${family.version}`,
    });
    expect(last.statusCode).toBe(400);
    expect(JSON.stringify(last.json().error.details)).toContain("memberId");
    const other = await intake();
    const elsewhere = await frc.staff.inject({
      method: "PATCH",
      url: `/api/families/${other.id}/members/${only?.id}`,
      payload: { version: other.version, phone: "1" },
    });
    expect(elsewhere.statusCode).toBe(404);
  });

  it("refuses another organization's admin (404) and our viewers (403), and audits the refusals", async () => {
    const family = await intake();
    const member = family.members[0];
    const requests = [
      {
        method: "POST" as const,
        url: `/api/families/${family.id}/members`,
        payload: { version: family.version, firstName: "X", lastName: "Y", relationship: "other" },
      },
      {
        method: "PATCH" as const,
        url: `/api/families/${family.id}/members/${member?.id}`,
        payload: { version: family.version, phone: "1" },
      },
      {
        method: "DELETE" as const,
        url: `/api/families/${family.id}/members/${member?.id}?version=${family.version}`,
      },
    ];
    for (const request of requests) {
      expect((await stranger.admin.inject(request)).statusCode).toBe(404);
      expect((await frc.viewer.inject(request)).statusCode).toBe(403);
    }
    const denials = (await auditEventsFor(ctx, "family.edit")).filter(
      (e) => e.outcome === "denied" && e.resourceId === family.id,
    );
    expect(denials.filter((e) => e.actorUserId === stranger.admin.me.user.id)).toHaveLength(3);
    expect(denials.filter((e) => e.actorUserId === frc.viewer.me.user.id)).toHaveLength(3);
    const unchanged: FamilyDocument = (
      await frc.staff.inject({ method: "GET", url: `/api/families/${family.id}` })
    ).json();
    expect(unchanged.version).toBe(family.version);
    expect(unchanged.members).toHaveLength(2);
  });

  it("rejects unknown fields, wrong types, a bad date and a missing version with 400 naming the field", async () => {
    const family = await intake();
    const member = family.members[0];
    const base = `/api/families/${family.id}/members`;
    const cases = [
      {
        method: "POST" as const,
        url: base,
        payload: { version: family.version, firstName: "A", lastName: "B", relationship: "child", ssn: "1" },
        field: "ssn",
      },
      {
        method: "POST" as const,
        url: base,
        payload: { version: family.version, firstName: "A", lastName: "B", relationship: "cousin" },
        field: "relationship",
      },
      {
        method: "PATCH" as const,
        url: `${base}/${member?.id}`,
        payload: { version: family.version, dateOfBirth: "2020-13-45" },
        field: "dateOfBirth",
      },
      {
        method: "PATCH" as const,
        url: `${base}/${member?.id}`,
        payload: { version: family.version, members: [] },
        field: "members",
      },
      {
        method: "PATCH" as const,
        url: `${base}/${member?.id}`,
        payload: { version: "1", phone: "1" },
        field: "version",
      },
      { method: "DELETE" as const, url: `${base}/${member?.id}`, field: "version" },
    ];
    for (const { field, ...request } of cases) {
      const response = await frc.staff.inject(request);
      expect(response.statusCode, `${request.method} ${field}: ${response.body}`).toBe(400);
      expect(JSON.stringify(response.json().error.details)).toContain(field);
    }
    const unchanged: FamilyDocument = (
      await frc.staff.inject({ method: "GET", url: `/api/families/${family.id}` })
    ).json();
    expect(unchanged.version).toBe(family.version);
  });
});
