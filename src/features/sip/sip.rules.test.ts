import { describe, expect, it } from "vitest";
import { buildSip, component, context, milestone, strategy } from "./checks/test-builder.ts";
import {
  CHECKS,
  CORE_REPRESENTATIVE_KINDS,
  CORE_REPRESENTATIVES,
  checkSip,
  type Finding,
  type SipCheckContext,
  WORDS_PER_PAGE,
} from "./sip.rules.ts";

const only = (findings: Finding[], code: string) => findings.filter((f) => f.code === code);
const words = (n: number) => "word ".repeat(n).trim();
const withoutRep = (...kinds: string[]): SipCheckContext["team"] =>
  context().team.filter((m) => !kinds.includes(m.representative ?? ""));

describe("a complete SIP", () => {
  it("passes every check", () => {
    const doc = buildSip({ components: [component("S2"), component("2B")] });
    const measures = [
      { code: "S2", name: "Recurrence of maltreatment", safety: true, needsImprovement: true },
    ];
    expect(checkSip(doc, context({ measures }))).toEqual([]);
  });
});

describe("safety measures", () => {
  const measures = [
    { code: "2B", name: "Referrals by time to investigation", safety: true, needsImprovement: true },
    { code: "S2", name: "Recurrence of maltreatment", safety: true, needsImprovement: true },
    { code: "2D", name: "Time to investigation", safety: true, needsImprovement: false },
    { code: "4A", name: "Siblings placed together", safety: false, needsImprovement: true },
  ];

  it("flags each safety measure needing improvement that no component addresses, at plan level", () => {
    const findings = checkSip(buildSip({ components: [component("4A")] }), context({ measures }));
    const missing = only(findings, "sip.safety_measure_without_component");
    expect(missing.map((f) => [f.severity, f.itemId, f.section])).toEqual([
      ["error", null, "components"],
      ["error", null, "components"],
    ]);
    expect(missing.map((f) => f.message.en)).toEqual([
      expect.stringContaining("Safety measure 2B (Referrals by time to investigation)"),
      expect.stringContaining("Safety measure S2"),
    ]);
    expect(missing[0]?.message.es).toContain("La medida de seguridad 2B");
  });

  it("matches a component's measure code ignoring case and surrounding spaces", () => {
    const doc = buildSip({ components: [component(" 2b "), component("s2")] });
    expect(checkSip(doc, context({ measures }))).toEqual([]);
  });
});

describe("number of components", () => {
  it("warns when the plan has more than four components", () => {
    const doc = buildSip({ components: ["S1", "S2", "2B", "2D", "4A"].map((c) => component(c)) });
    const [warning] = checkSip(doc, context());
    expect(warning).toMatchObject({ code: "sip.too_many_components", severity: "warning", itemId: null });
    expect(warning?.message.en).toBe("The plan has 5 components; the guide recommends no more than 3 to 4.");
  });

  it("accepts four components", () => {
    const doc = buildSip({ components: ["S1", "S2", "2B", "2D"].map((c) => component(c)) });
    expect(checkSip(doc, context())).toEqual([]);
  });

  it("requires at least one component", () => {
    const findings = checkSip(buildSip({ components: [] }), context());
    expect(findings.map((f) => [f.code, f.severity])).toEqual([["sip.no_components", "error"]]);
  });
});

describe("component outline", () => {
  it("flags a component without a goal, naming it", () => {
    const doc = buildSip({ components: [component("S2"), component("2B", { title: "Timely response" })] });
    doc.sections[1]?.items[1]?.children.splice(0);
    const [f] = checkSip(doc, context());
    expect(f).toMatchObject({ code: "sip.component_without_goal", severity: "error", itemId: "c2" });
    expect(f?.message.en).toBe("Component “Timely response” has no improvement goal.");
    expect(f?.message.es).toBe("El componente «Timely response» no tiene ninguna meta de mejora.");
  });

  it("flags a goal without a strategy", () => {
    const doc = buildSip({ components: [component("S2", { goals: [{ title: "Reduce", strategies: [] }] })] });
    const [f] = checkSip(doc, context());
    expect(f).toMatchObject({ code: "sip.goal_without_strategy", severity: "error", itemId: "c1.g1" });
    expect(f?.message.en).toBe("Improvement goal 1.0 has no strategy.");
  });

  it("flags a strategy without a rationale", () => {
    const goals = [{ title: "Reduce", strategies: [strategy(), strategy({ rationale: "  " })] }];
    const [f, ...rest] = checkSip(buildSip({ components: [component("S2", { goals })] }), context());
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      code: "sip.strategy_without_rationale",
      severity: "error",
      itemId: "c1.g1.s2",
    });
    expect(f?.message.en).toMatch(/^Strategy 1\.2 has no rationale/);
  });

  it("flags a strategy without a milestone", () => {
    const goals = [{ title: "Reduce", strategies: [strategy({ milestones: [] })] }];
    const [f] = checkSip(buildSip({ components: [component("S2", { goals })] }), context());
    expect(f).toMatchObject({
      code: "sip.strategy_without_milestone",
      severity: "error",
      itemId: "c1.g1.s1",
    });
  });

  const withMilestones = (...milestones: ReturnType<typeof milestone>[]) =>
    buildSip({
      components: [component("S2", { goals: [{ title: "Reduce", strategies: [strategy({ milestones })] }] })],
    });

  it("flags a milestone with neither a timeframe nor a due date", () => {
    const doc = withMilestones(
      milestone({ timeframe: null, dueDate: "2027-01-31" }),
      milestone({ timeframe: "3 months", dueDate: null }),
      milestone({ timeframe: " ", dueDate: null }),
    );
    const [f, ...rest] = checkSip(doc, context());
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      code: "sip.milestone_without_timeframe",
      severity: "error",
      itemId: "c1.g1.s1.m3",
    });
    expect(f?.message).toEqual({
      en: "Milestone 1.1.3 has no timeframe.",
      es: "El hito 1.1.3 no tiene plazo.",
    });
  });

  it("flags a milestone assigned to no one", () => {
    const findings = checkSip(withMilestones(milestone(), milestone({ assignee: null })), context());
    expect(findings.map((f) => [f.code, f.severity, f.itemId])).toEqual([
      ["sip.milestone_without_assignee", "error", "c1.g1.s1.m2"],
    ]);
  });

  it("names the component when the plan has several, since goal numbers restart in each", () => {
    const goals = [
      { title: "Reduce", strategies: [strategy({ milestones: [milestone({ assignee: null })] })] },
    ];
    const doc = buildSip({
      components: [component("S2"), component("2B", { title: "Timely response", goals })],
    });
    expect(checkSip(doc, context())[0]?.message.en).toBe(
      "Milestone 1.1.1 in “Timely response” is not assigned to anyone.",
    );
  });

  it("warns about a milestone worded as a future action and suggests the completed form", () => {
    const doc = withMilestones(milestone(), milestone({ title: "All staff will be trained" }));
    const findings = checkSip(doc, context());
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      code: "sip.milestone_not_completed_action",
      severity: "warning",
      itemId: "c1.g1.s1.m2",
      section: "components",
      suggestion: { en: "Training for all staff completed.", es: "Training for all staff completed." },
    });
  });

  it("accepts milestones worded as completed actions", () => {
    const titles = [
      "Training for all staff completed.",
      "Protocol adopted by the Board.",
      "MOU with probation signed.",
    ];
    const doc = withMilestones(...titles.map((title) => milestone({ title })));
    expect(checkSip(doc, context())).toEqual([]);
  });
});

describe("plan period", () => {
  const dated = (...dueDates: string[]) =>
    buildSip({
      components: [
        component("S2", {
          goals: [
            {
              title: "Reduce",
              strategies: [strategy({ milestones: dueDates.map((dueDate) => milestone({ dueDate })) })],
            },
          ],
        }),
      ],
    });

  it("rejects a milestone due outside the plan period", () => {
    const findings = checkSip(dated("2026-06-30", "2026-07-01", "2031-06-30", "2031-07-01"), context());
    expect(findings.map((f) => [f.code, f.severity, f.itemId])).toEqual([
      ["sip.milestone_outside_period", "error", "c1.g1.s1.m1"],
      ["sip.milestone_outside_period", "error", "c1.g1.s1.m4"],
    ]);
    expect(findings[0]?.message.en).toBe(
      "Milestone 1.1.1 is due 2026-06-30, before the plan period starts (2026-07-01 to 2031-06-30).",
    );
  });

  it("asks once to set the plan period when it is missing", () => {
    const doc = dated("2020-01-01", "2040-01-01");
    doc.periodStart = null;
    doc.periodEnd = null;
    const findings = checkSip(doc, context());
    expect(findings.map((f) => [f.code, f.severity, f.itemId])).toEqual([
      ["sip.plan_period_missing", "info", null],
    ]);
    expect(findings[0]?.message.en).toMatch(/^Set the plan period/);
  });
});

describe("timeframes", () => {
  it("notes a timeframe other than 1, 3, 6, 9 or 12 months", () => {
    const timeframes = [
      "18 months",
      "Year 1",
      "6 meses",
      "Ongoing",
      "June 2027",
      "Year 2",
      "1 month",
      "6 mos",
    ];
    const milestones = timeframes.map((timeframe) => milestone({ timeframe }));
    const doc = buildSip({
      components: [component("S2", { goals: [{ title: "Reduce", strategies: [strategy({ milestones })] }] })],
    });
    const findings = checkSip(doc, context());
    expect(findings.map((f) => [f.code, f.severity, f.itemId])).toEqual([
      ["sip.timeframe_not_practical", "info", "c1.g1.s1.m1"],
      ["sip.timeframe_not_practical", "info", "c1.g1.s1.m6"],
    ]);
    expect(findings[1]?.message.en).toContain("a timeframe of 24 months (“Year 2”)");
  });
});

describe("SIP team", () => {
  const doc = buildSip({ components: [component("S2")] });

  it("flags each missing core representative", () => {
    const findings = checkSip(doc, context({ team: withoutRep("probation_officer", "foster_parent") }));
    expect(findings.map((f) => [f.code, f.severity, f.itemId])).toEqual([
      ["sip.core_representative_missing", "error", null],
      ["sip.core_representative_missing", "error", null],
    ]);
    expect(findings.map((f) => f.message.en)).toEqual([
      "The SIP team has no core representative for probation officers; the guide makes them mandated members.",
      "The SIP team has no core representative for foster parents; the guide makes them mandated members.",
    ]);
  });

  it("flags an empty team once per mandated kind", () => {
    expect(checkSip(doc, context({ team: [] }))).toHaveLength(CORE_REPRESENTATIVE_KINDS.length);
  });

  it("requires California Youth Connection only where a chapter exists", () => {
    const team = withoutRep("california_youth_connection");
    expect(checkSip(doc, context({ team, youthConnectionAvailable: false }))).toEqual([]);
    const [f] = checkSip(doc, context({ team, youthConnectionAvailable: true }));
    expect(f?.message.en).toContain("for California Youth Connection;");
  });
});

describe("length", () => {
  const narrativeLimit = 8 * WORDS_PER_PAGE;

  it("warns when the narrative runs past eight pages", () => {
    const narrative = { local_planning_bodies: words(narrativeLimit), qualitative_findings: "one more" };
    const [f] = checkSip(buildSip({ components: [component("S2")], narrative }), context());
    expect(f).toMatchObject({ code: "sip.narrative_too_long", severity: "warning", section: "narrative" });
    expect(f?.message.en).toMatch(/^The narrative runs to about 9 pages \(4,002 words/);
  });

  it("accepts an eight-page narrative and leaves the attached Summary Assessment out of the count", () => {
    const narrative = { local_planning_bodies: words(narrativeLimit), summary_assessment: words(20_000) };
    expect(checkSip(buildSip({ components: [component("S2")], narrative }), context())).toEqual([]);
  });

  it("warns when the whole plan runs past 25 pages", () => {
    const closing = { systemic_factors: words(6500), education_training_ta: words(6500) };
    const findings = checkSip(buildSip({ components: [component("S2")], closing }), context());
    expect(findings.map((f) => [f.code, f.severity, f.section])).toEqual([
      ["sip.plan_too_long", "warning", null],
    ]);
    const underLimit = { systemic_factors: words(6000) };
    expect(checkSip(buildSip({ components: [component("S2")], closing: underLimit }), context())).toEqual([]);
  });
});

describe("findings", () => {
  it("come as errors, warnings, then infos, each in document order", () => {
    const first = component("S2", {
      goals: [
        {
          title: "Reduce",
          strategies: [
            strategy({
              milestones: [milestone({ title: "Hold quarterly meetings", timeframe: "2 months" })],
            }),
          ],
        },
        { title: "Second goal", strategies: [] },
      ],
    });
    const second = component("2B", {
      goals: [
        {
          title: "Raise",
          strategies: [strategy({ milestones: [milestone({ timeframe: null, dueDate: null })] })],
        },
      ],
    });
    const doc = buildSip({ components: [first, second], periodEnd: null });
    const findings = checkSip(doc, context({ team: withoutRep("foster_parent") }));
    expect(findings.map((f) => [f.severity, f.code, f.itemId])).toEqual([
      ["error", "sip.core_representative_missing", null],
      ["error", "sip.goal_without_strategy", "c1.g2"],
      ["error", "sip.milestone_without_timeframe", "c2.g1.s1.m1"],
      ["warning", "sip.milestone_not_completed_action", "c1.g1.s1.m1"],
      ["info", "sip.plan_period_missing", null],
      ["info", "sip.timeframe_not_practical", "c1.g1.s1.m1"],
    ]);
    expect(findings[3]?.suggestion?.en).toBe("Quarterly meetings held.");
  });

  it("carry only codes of the catalogue, each with the catalogue's severity", () => {
    const doc = buildSip({ components: [component("S2", { goals: [] })], periodStart: null });
    const findings = checkSip(doc, context({ team: [] }));
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) expect(CHECKS[f.code].severity).toBe(f.severity);
  });
});

describe("catalogues for the UI", () => {
  it("describe every check and every core representative in English and Spanish", () => {
    for (const check of Object.values(CHECKS)) {
      expect(check.description.en).not.toBe("");
      expect(check.description.es).not.toBe(check.description.en);
    }
    expect(CORE_REPRESENTATIVES.map((r) => r.key)).toEqual([...CORE_REPRESENTATIVE_KINDS]);
    expect(CORE_REPRESENTATIVES.find((r) => r.key === "foster_parent")?.label).toEqual({
      en: "Foster parents",
      es: "Padres de crianza",
    });
  });
});
