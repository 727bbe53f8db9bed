import { describe, expect, it } from "vitest";
import { CRISIS_KINDS, findInstrument, STRENGTHS_AND_NEEDS_V1 } from "./families.instruments.ts";
import {
  caseStep,
  contactDue,
  isPossibleDuplicate,
  isUnderFive,
  normalizeName,
  phoneDigits,
  reassessmentDue,
  scoreAssessment,
  suggestIntensity,
} from "./families.rules.ts";

const instrument = STRENGTHS_AND_NEEDS_V1;
const allThrees = Object.fromEntries(instrument.domains.map((d) => [d.key, 3]));

describe("the default instrument", () => {
  it("has the twelve domains of the issue, each with one anchor per point of a 1–5 scale in both languages", () => {
    expect(instrument.domains.map((d) => d.key)).toEqual([
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
    ]);
    expect(instrument.scale).toMatchObject({ min: 1, max: 5 });
    for (const d of instrument.domains) {
      expect(d.anchors).toHaveLength(5);
      for (const anchor of d.anchors) {
        expect(anchor.en.length).toBeGreaterThan(3);
        expect(anchor.es.length).toBeGreaterThan(3);
      }
    }
  });

  it("screens the seven crisis kinds of seed 003", () => {
    expect(CRISIS_KINDS.map((c) => c.key)).toEqual([
      "domestic_violence",
      "separation",
      "parent_incarceration",
      "behavioral_health",
      "job_loss",
      "housing_loss",
      "homelessness",
    ]);
  });

  it("is found by key, newest version unless one is asked for", () => {
    expect(findInstrument("strengths-and-needs")?.version).toBe(1);
    expect(findInstrument("strengths-and-needs", 2)).toBeUndefined();
    expect(findInstrument("nope")).toBeUndefined();
  });
});

describe("scoreAssessment", () => {
  it("totals and averages the scores and names the domains that are needs", () => {
    const scored = scoreAssessment(instrument, { ...allThrees, housing: 1, food: 2, legal: 5 });
    expect(scored.problems).toEqual([]);
    expect(scored.total).toBe(3 * 9 + 1 + 2 + 5);
    expect(scored.average).toBe(2.9);
    expect(scored.needs).toEqual(["housing", "food"]);
  });

  it("names a missing domain, a score off the scale, an unknown domain and an unknown crisis kind", () => {
    const { housing: _omitted, ...rest } = allThrees;
    const scored = scoreAssessment(instrument, { ...rest, food: 6, legal: 2.5, pets: 3 }, ["meteor"]);
    expect(scored.problems).toEqual(
      expect.arrayContaining([
        { field: "/body/scores/housing", message: "is required" },
        { field: "/body/scores/food", message: "must be a whole number from 1 to 5" },
        { field: "/body/scores/legal", message: "must be a whole number from 1 to 5" },
        { field: "/body/scores/pets", message: 'unknown domain "pets"' },
        { field: "/body/crisisKinds/0", message: 'unknown crisis kind "meteor"' },
      ]),
    );
    expect(scored.problems).toHaveLength(5);
  });
});

describe("suggestIntensity", () => {
  it("suggests standard case management when there is no crisis and no high risk", () => {
    expect(suggestIntensity(instrument, { ...allThrees, housing: 2 }, [])).toEqual({
      level: "standard",
      reasons: [],
    });
  });

  it("suggests intensive case management for any crisis", () => {
    expect(suggestIntensity(instrument, allThrees, ["housing_loss"])).toEqual({
      level: "intensive",
      reasons: ["crisis:housing_loss"],
    });
  });

  it("suggests intensive case management for a high risk of substance abuse or domestic violence", () => {
    const result = suggestIntensity(instrument, { ...allThrees, substance_use: 2, family_safety: 1 }, []);
    expect(result.level).toBe("intensive");
    expect(result.reasons).toEqual(["high_risk:substance_use", "high_risk:family_safety"]);
  });
});

describe("contactDue", () => {
  it("expects a contact every 30 days in standard and every 7 in intensive case management", () => {
    const base = { lastContactOn: "2026-03-01", openedOn: "2026-01-01", today: "2026-03-09" };
    expect(contactDue({ ...base, intensity: "standard" })).toEqual({
      dueOn: "2026-03-31",
      overdue: false,
      daysOverdue: 0,
    });
    expect(contactDue({ ...base, intensity: "intensive" })).toEqual({
      dueOn: "2026-03-08",
      overdue: true,
      daysOverdue: 1,
    });
  });

  it("counts from the opening of the case when there has been no contact, and is not overdue on the due day", () => {
    const due = contactDue({
      intensity: null,
      lastContactOn: null,
      openedOn: "2026-01-01",
      today: "2026-01-31",
    });
    expect(due).toEqual({ dueOn: "2026-01-31", overdue: false, daysOverdue: 0 });
  });
});

describe("reassessmentDue", () => {
  it("is due at once without an assessment, then after 90 days (standard) or 30 days (intensive)", () => {
    const base = { instrument, openedOn: "2026-01-05", today: "2026-02-10" };
    expect(reassessmentDue({ ...base, intensity: null, lastAssessedOn: null })).toMatchObject({
      dueOn: "2026-01-05",
      overdue: true,
    });
    expect(reassessmentDue({ ...base, intensity: "standard", lastAssessedOn: "2026-01-10" })).toMatchObject({
      dueOn: "2026-04-10",
      overdue: false,
    });
    expect(reassessmentDue({ ...base, intensity: "intensive", lastAssessedOn: "2026-01-10" })).toEqual({
      dueOn: "2026-02-09",
      overdue: true,
      daysOverdue: 1,
    });
  });
});

describe("duplicate detection", () => {
  const existing = { firstName: "María José", lastName: "García", dateOfBirth: "1994-06-02" };

  it("finds the same person typed without accents, with a typo, or with names swapped", () => {
    expect(
      isPossibleDuplicate(
        { firstName: "maria jose", lastName: "GARCIA", dateOfBirth: "1994-06-02" },
        existing,
      ),
    ).toBe(true);
    expect(
      isPossibleDuplicate(
        { firstName: "Maria Jose", lastName: "Garcai", dateOfBirth: "1994-06-02" },
        existing,
      ),
    ).toBe(true);
    expect(
      isPossibleDuplicate(
        { firstName: "Garcia", lastName: "Maria Jose", dateOfBirth: "1994-06-02" },
        existing,
      ),
    ).toBe(true);
  });

  it("does not match another date of birth, a different name, or a missing date of birth", () => {
    expect(isPossibleDuplicate({ ...existing, dateOfBirth: "1994-06-03" }, existing)).toBe(false);
    expect(isPossibleDuplicate({ ...existing, firstName: "Lucía" }, existing)).toBe(false);
    expect(isPossibleDuplicate({ ...existing, dateOfBirth: null }, { ...existing, dateOfBirth: null })).toBe(
      false,
    );
    // Short names must match exactly: "Ana" and "Ava" are different people.
    expect(
      isPossibleDuplicate(
        { firstName: "Ana", lastName: "Li", dateOfBirth: "2020-01-01" },
        { firstName: "Ava", lastName: "Li", dateOfBirth: "2020-01-01" },
      ),
    ).toBe(false);
  });

  it("normalizes names and phone numbers for search", () => {
    expect(normalizeName("  José  O'Neil-Peña ")).toBe("jose oneil pena");
    expect(phoneDigits("+1 (555) 010-2030")).toBe("5550102030");
    expect(phoneDigits("555.010.2030")).toBe("5550102030");
    expect(phoneDigits("")).toBeNull();
  });
});

describe("caseStep and children under five", () => {
  it("moves from intake through assessment, service plan and monitoring to closed", () => {
    const s = { closed: false, assessments: 0, activePlan: false, contactsSincePlan: 0 };
    expect(caseStep(s)).toBe("intake");
    expect(caseStep({ ...s, assessments: 1 })).toBe("assessment");
    expect(caseStep({ ...s, assessments: 1, activePlan: true })).toBe("service_plan");
    expect(caseStep({ ...s, assessments: 1, activePlan: true, contactsSincePlan: 2 })).toBe("monitoring");
    expect(caseStep({ ...s, closed: true, assessments: 1 })).toBe("closed");
  });

  it("highlights children under five on the day of their fifth birthday no more", () => {
    expect(isUnderFive("2021-06-02", "2026-06-01")).toBe(true);
    expect(isUnderFive("2021-06-02", "2026-06-02")).toBe(false);
    expect(isUnderFive(null, "2026-06-02")).toBe(false);
  });
});
