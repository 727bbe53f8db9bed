import { describe, expect, it } from "vitest";
import { checkTemplate, loadTemplates, parseTemplate } from "../templates/templates.service.ts";
import { dueState, numberItems, planAccess, progressOf, toRoman } from "./plans.rules.ts";

const templates = loadTemplates();
const sip = templates.latest("county-sip");
const partnership = templates.latest("partnership-work-plan");

describe("templates", () => {
  it("loads the three shipped templates and each passes its checks", () => {
    const keys = templates
      .list()
      .map((t) => t.key)
      .sort();
    expect(keys).toEqual(["county-sip", "linkages-work-plan", "partnership-work-plan"]);
    for (const t of templates.list()) expect(checkTemplate(t)).toEqual([]);
  });

  it("rejects a template whose level names a child that does not exist, with the reason", () => {
    const broken = structuredClone(partnership);
    broken?.levels[0]?.children.push("nonexistent");
    expect(() => parseTemplate(broken, "broken.json")).toThrow(/child "nonexistent" is not a level/);
  });

  it("rejects a template that is not the right shape", () => {
    expect(() => parseTemplate({ key: "x" }, "x.json")).toThrow(/is not valid/);
  });

  it("has the Linkages topic areas of seed 004 in three categories", () => {
    const linkages = templates.latest("linkages-work-plan");
    const topics = linkages?.levels
      .filter((l) => l.key.startsWith("topic_area_"))
      .map((l) => l.fields[0]?.options?.map((o) => o.label.en));
    expect(linkages?.sections.map((s) => s.label.en)).toEqual([
      "Program launch or expansion",
      "Practice development",
      "Administration",
    ]);
    expect(topics).toEqual([
      [
        "Strategic direction",
        "Target population",
        "Infrastructure of coordination",
        "Communication",
        "Other",
      ],
      [
        "Client identification",
        "Information sharing",
        "Coordinated case planning protocols",
        "Confidentiality",
        "Other",
      ],
      ["Project management", "Staff training", "Funding", "Outcomes evaluation", "Other"],
    ]);
  });
});

describe("numbering", () => {
  const item = (
    id: string,
    level: string,
    parentId: string | null,
    position: number,
    section = "components",
  ) => ({
    id,
    level,
    parentId,
    position,
    section,
  });

  it("numbers SIP goals 1.0, strategies 1.1 and milestones 1.1.1, following positions", () => {
    if (!sip) throw new Error("no SIP template");
    const items = [
      item("c", "component", null, 0),
      item("g1", "goal", "c", 0),
      item("g2", "goal", "c", 1),
      item("s12", "strategy", "g1", 1),
      item("s11", "strategy", "g1", 0),
      item("m111", "milestone", "s11", 0),
      item("m112", "milestone", "s11", 1),
      item("s21", "strategy", "g2", 0),
      item("m211", "milestone", "s21", 0),
    ];
    const numbers = numberItems(sip, items);
    expect(Object.fromEntries(numbers)).toEqual({
      c: null,
      g1: "1.0",
      g2: "2.0",
      s11: "1.1",
      s12: "1.2",
      m111: "1.1.1",
      m112: "1.1.2",
      s21: "2.1",
      m211: "2.1.1",
    });
  });

  it("numbers partnership objectives I, II across goals and steps 1, 2 within each objective", () => {
    if (!partnership) throw new Error("no partnership template");
    const items = [
      item("g1", "goal", null, 0, "goals"),
      item("o1", "objective", "g1", 0, "goals"),
      item("a1", "action_step", "o1", 0, "goals"),
      item("a2", "action_step", "o1", 1, "goals"),
      item("d1", "deliverable", "o1", 2, "goals"),
      item("g2", "goal", null, 1, "goals"),
      item("o2", "objective", "g2", 0, "goals"),
      item("a3", "action_step", "o2", 0, "goals"),
    ];
    const numbers = numberItems(partnership, items);
    expect([numbers.get("o1"), numbers.get("o2")]).toEqual(["I", "II"]);
    expect([numbers.get("a1"), numbers.get("a2"), numbers.get("d1"), numbers.get("a3")]).toEqual([
      "1",
      "2",
      "1",
      "1",
    ]);
  });

  it("writes roman numerals", () => {
    expect([1, 4, 9, 14, 40, 1999].map(toRoman)).toEqual(["I", "IV", "IX", "XIV", "XL", "MCMXCIX"]);
  });
});

describe("progress and due dates", () => {
  it("counts completed among tracked items, leaving dropped ones out", () => {
    expect(progressOf(["completed", "in_progress", "dropped", null])).toEqual({
      total: 2,
      completed: 1,
      percent: 50,
    });
    expect(progressOf([])).toEqual({ total: 0, completed: 0, percent: null });
  });

  it("classifies due dates against today", () => {
    expect(dueState("in_progress", "2026-11-22", "2026-11-23")).toBe("overdue");
    expect(dueState("not_started", "2026-12-23", "2026-11-23")).toBe("due_soon");
    expect(dueState("not_started", "2026-12-24", "2026-11-23")).toBe("later");
    expect(dueState("completed", "2020-01-01", "2026-11-23")).toBe("done");
    expect(dueState("not_started", null, "2026-11-23")).toBe("none");
  });
});

describe("plan access", () => {
  it("gives owners' managers ownership, staff editing, viewers viewing", () => {
    expect(planAccess({ ownerRole: "manager", shares: [] })).toBe("owner");
    expect(planAccess({ ownerRole: "staff", shares: [] })).toBe("editor");
    expect(planAccess({ ownerRole: "viewer", shares: [] })).toBe("viewer");
    expect(planAccess({ ownerRole: null, shares: [] })).toBe("none");
  });

  it("gives partners the share's role, but a viewer member never more than view", () => {
    expect(planAccess({ ownerRole: null, shares: [{ role: "editor", memberRole: "staff" }] })).toBe("editor");
    expect(planAccess({ ownerRole: null, shares: [{ role: "editor", memberRole: "viewer" }] })).toBe(
      "viewer",
    );
    expect(planAccess({ ownerRole: "viewer", shares: [{ role: "contributor", memberRole: "staff" }] })).toBe(
      "contributor",
    );
  });
});
