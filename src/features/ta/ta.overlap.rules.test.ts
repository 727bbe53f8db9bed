import { describe, expect, it } from "vitest";
import {
  canonicalPair,
  findOverlaps,
  normalizeText,
  type OverlapItem,
  sameRecipient,
  stems,
  topicSimilarity,
  windowsOverlap,
} from "./ta.overlap.rules.ts";

const PARTNERSHIP = "11111111-1111-4111-8111-111111111111";
const OTHER_PARTNERSHIP = "22222222-2222-4222-8222-222222222222";

function item(overrides: Partial<OverlapItem> = {}): OverlapItem {
  return {
    key: "request:a",
    recipientKind: "partnership",
    recipientName: "Rockford Early Childhood Collaborative",
    recipientOrganizationId: null,
    partnershipId: PARTNERSHIP,
    county: "Winnebago",
    stateCode: "IL",
    topic: "Family engagement strategies for home visiting",
    sectors: ["family_support"],
    from: "2026-03-01",
    to: "2026-04-30",
    ...overrides,
  };
}

describe("normalizing topics", () => {
  it("strips accents, punctuation and case", () => {
    expect(normalizeText("Participación  de las FAMILIAS!")).toBe("participacion de las familias");
  });

  it("drops English and Spanish stop words and stems plurals and gerunds", () => {
    expect([...stems("Engaging the families in visits")]).toEqual(["engag", "famili", "visit"]);
    expect([...stems("Visitas de las familias")]).toEqual(["visit", "famili"]);
    expect(stems("family engagement")).toEqual(stems("families engaging"));
  });
});

describe("topic similarity", () => {
  it("is 1 for the same words in another order and form", () => {
    expect(
      topicSimilarity(
        { topic: "Home visiting family engagement", sectors: [] },
        { topic: "family engagement in home visits", sectors: [] },
      ),
    ).toBe(1);
  });

  it("is 0 for unrelated topics in other sectors", () => {
    expect(
      topicSimilarity(
        { topic: "Trauma-informed classrooms", sectors: ["early_care_education"] },
        { topic: "Budget reporting", sectors: ["child_welfare"] },
      ),
    ).toBe(0);
  });

  it("matches Spanish words written with and without accents", () => {
    expect(
      topicSimilarity(
        { topic: "Participación de las familias en la evaluación", sectors: ["family_support"] },
        { topic: "participacion familias evaluacion", sectors: ["family_support"] },
      ),
    ).toBe(1);
  });
});

describe("windows", () => {
  it("overlap inclusively, on a shared day", () => {
    expect(
      windowsOverlap({ from: "2026-01-01", to: "2026-01-31" }, { from: "2026-01-31", to: "2026-02-10" }),
    ).toBe(true);
  });

  it("do not overlap a day apart unless slack allows", () => {
    const a = { from: "2026-01-01", to: "2026-01-31" };
    const b = { from: "2026-02-02", to: "2026-02-10" };
    expect(windowsOverlap(a, b)).toBe(false);
    expect(windowsOverlap(a, b, 1)).toBe(false);
    expect(windowsOverlap(a, b, 2)).toBe(true);
    expect(windowsOverlap(b, a, 2)).toBe(true);
  });
});

describe("same recipient", () => {
  it("by partnership, organization, name or county", () => {
    expect(sameRecipient(item(), item({ key: "x", recipientName: "RECC" }))).toBe("same_partnership");
    const org = "33333333-3333-4333-8333-333333333333";
    expect(
      sameRecipient(
        item({ partnershipId: null, recipientOrganizationId: org, recipientKind: "community" }),
        item({ partnershipId: null, recipientOrganizationId: org, recipientName: "Other" }),
      ),
    ).toBe("same_organization");
    expect(
      sameRecipient(
        item({ partnershipId: null, recipientKind: "community", recipientName: "Pueblo Nuevo" }),
        item({
          partnershipId: OTHER_PARTNERSHIP,
          recipientKind: "community",
          recipientName: "pueblo nuevo!",
        }),
      ),
    ).toBe("same_name");
    expect(
      sameRecipient(
        item({ partnershipId: null, recipientKind: "county", recipientName: "Any County", county: "Any" }),
        item({
          partnershipId: null,
          recipientKind: "community",
          recipientName: "Anytown",
          county: "Any County",
        }),
      ),
    ).toBe("same_county");
  });

  it("not across states or for different recipients", () => {
    expect(
      sameRecipient(
        item({ partnershipId: null, recipientKind: "county", recipientName: "Any County", county: "Any" }),
        item({
          partnershipId: null,
          recipientKind: "county",
          recipientName: "Any County",
          county: "Any",
          stateCode: "CA",
        }),
      ),
    ).toBeNull();
    expect(
      sameRecipient(
        item({ partnershipId: null, recipientKind: "county", recipientName: "Any County", county: "Any" }),
        item({
          partnershipId: null,
          recipientKind: "county",
          recipientName: "Other",
          county: "Any",
          stateCode: "CA",
        }),
      ),
    ).toBeNull();
    expect(
      sameRecipient(
        item(),
        item({ partnershipId: OTHER_PARTNERSHIP, recipientName: "Another", county: "Boone" }),
      ),
    ).toBeNull();
  });
});

describe("finding overlaps", () => {
  const base = item();

  it("flags the same partnership with a differently worded topic in an overlapping window", () => {
    const near = item({
      key: "engagement:b",
      recipientName: "RECC",
      topic: "Strategies to engage families in home visits",
      from: "2026-04-15",
      to: "2026-06-30",
    });
    const [match] = findOverlaps(base, [near]);
    expect(match?.reason).toBe("same_partnership");
    expect(match?.similarity).toBeGreaterThanOrEqual(0.35);
  });

  it("does not flag a similar topic in a window that does not overlap", () => {
    const later = item({ key: "request:c", from: "2026-09-01", to: "2026-10-01" });
    expect(findOverlaps(base, [later])).toEqual([]);
    expect(findOverlaps(base, [later], { slackDays: 200, threshold: 0.35 })).toHaveLength(1);
  });

  it("does not flag the same window and topic for a different recipient", () => {
    const elsewhere = item({
      key: "request:d",
      partnershipId: OTHER_PARTNERSHIP,
      recipientName: "Boone County Partnership",
      county: "Boone",
    });
    expect(findOverlaps(base, [elsewhere])).toEqual([]);
  });

  it("does not flag the same recipient and window with a different topic", () => {
    const different = item({
      key: "request:e",
      topic: "Data dashboards for the state report",
      sectors: ["child_welfare"],
    });
    expect(findOverlaps(base, [different])).toEqual([]);
  });

  it("flags a Spanish topic written without accents for the same recipient", () => {
    const es = item({ key: "request:es", topic: "Participación de las familias en visitas al hogar" });
    const other = item({ key: "request:es2", topic: "participacion familias visitas hogar" });
    expect(findOverlaps(es, [other])[0]?.similarity).toBe(1);
  });

  it("skips the item itself and sorts by similarity", () => {
    const close = item({ key: "request:f", topic: "Family engagement strategies" });
    const closer = item({ key: "request:g", topic: "Family engagement strategies in home visiting" });
    const found = findOverlaps(base, [base, close, closer]);
    expect(found.map((m) => m.other.key)).toEqual(["request:g", "request:f"]);
  });
});

it("stores a pair in one canonical order", () => {
  expect(canonicalPair("request:b", "engagement:a")).toEqual({ aKey: "engagement:a", bKey: "request:b" });
  expect(canonicalPair("engagement:a", "request:b")).toEqual({ aKey: "engagement:a", bKey: "request:b" });
});
