import { describe, expect, it } from "vitest";
import {
  buildPlan,
  itemRow,
  LINKAGES_OBJECTIVE,
  LINKAGES_STEPS,
  linkagesPlan,
  partnershipPlan,
  sipPlan,
} from "../test-fixtures.ts";
import { readDocx, rowAfter, tableWith } from "../test-readers.ts";
import { renderPlanDocx } from "./plan-docx.ts";

describe("partnership work plan as DOCX", () => {
  it("has the title, the header fields and a 'Goal:' paragraph before each objective table", async () => {
    const { paragraphs, sequence } = await readDocx(await renderPlanDocx(partnershipPlan(), "en"));
    expect(paragraphs[0]).toBe("Community Systems Development Work Group Work Plan");
    expect(paragraphs).toContain(
      "Charge: To support local community partnerships in serving young children and their families across the state by assisting partnerships in improving coordination across early childhood programs and services at the local level.",
    );
    const goal = sequence.findIndex((t) => t.startsWith("Goal: Advise the Home Visiting Task Force"));
    const objective = sequence.indexOf("Objective I");
    const goal2 = sequence.findIndex((t) => t.startsWith("Goal: Create and recommend mechanisms"));
    expect(goal).toBeGreaterThanOrEqual(0);
    expect(objective).toBeGreaterThan(goal);
    expect(goal2).toBeGreaterThan(objective);
    expect(sequence.indexOf("Objective II")).toBeGreaterThan(goal2);
  });

  it("puts the objective beside its numbered action steps with responsibility and timeframe", async () => {
    const { tables } = await readDocx(await renderPlanDocx(partnershipPlan(), "en"));
    const rows = tableWith(tables, "Objective I");
    expect(rows[0]?.map((c) => c.toLowerCase())).toEqual([
      "objective i",
      "action steps",
      "responsibility",
      "timeframe",
    ]);
    expect(rows[1]).toEqual([
      expect.stringMatching(/^Develop and provide high quality technical assistance/),
      expect.stringMatching(/^1\. Building on the existing Strong Foundation's TA model/),
      "CSDWG SF grantee and SAC grantee",
      "Ongoing",
    ]);
    expect(rows[2]?.[0]).toBe("");
    expect(rows[2]?.[1]).toMatch(/^2\. Building on the existing SF model/);
    // No timeframe: the due date stands in.
    expect(rows[3]?.slice(2)).toEqual(["SF grantee", "Jun 30, 2011"]);
  });

  it("lists the deliverables with their result, or their status when there is none", async () => {
    const { tables } = await readDocx(await renderPlanDocx(partnershipPlan(), "en"));
    const rows = tableWith(tables, "Objective I");
    const first = rows.findIndex((r) => r[0] === "Deliverables");
    expect(rows[first]).toEqual([
      "Deliverables",
      "1. The Early Childhood Community Systems Development Toolkit was created.",
      "CSDWG",
      "Completed",
    ]);
    expect(rows.slice(first + 1).map((r) => [r[0], r[1]?.slice(0, 2), r[3]])).toEqual([
      ["", "2.", "Completed"],
      ["", "3.", "7 completed"],
      ["", "4.", "2 communities participated"],
      ["", "5.", "Reported completed"],
    ]);
  });

  it("numbers objectives across the plan: Objective II under the second goal", async () => {
    const { tables } = await readDocx(await renderPlanDocx(partnershipPlan(), "en"));
    const rows = tableWith(tables, "Objective II");
    expect(rows[1]?.slice(1)).toEqual([
      "1. Develop shared/common language on the core functions of community partnerships/collaboration to inform the local funding model",
      "CSDWG/Staffer",
      "March/April 2011",
    ]);
  });

  it("keeps a step added after the deliverables among the action steps, and line breaks in text", async () => {
    const base = partnershipPlan();
    const doc = buildPlan({
      templateKey: "partnership-work-plan",
      title: base.title,
      header: { ...base.header, charge: "First line\nSecond line" },
      items: [
        itemRow({ id: "g", section: "goals", level: "goal", position: 0, title: "Goal text" }),
        itemRow({
          id: "o",
          parentId: "g",
          section: "goals",
          level: "objective",
          position: 0,
          title: "Objective text",
        }),
        itemRow({
          id: "d",
          parentId: "o",
          section: "goals",
          level: "deliverable",
          position: 0,
          title: "Toolkit",
          status: "dropped",
        }),
        itemRow({
          id: "s",
          parentId: "o",
          section: "goals",
          level: "action_step",
          position: 1,
          title: "Late step",
          status: "not_started",
        }),
      ],
    });
    const { tables, paragraphs } = await readDocx(await renderPlanDocx(doc, "en"));
    expect(tableWith(tables, "Objective I")).toEqual([
      ["Objective I", "Action steps", "Responsibility", "Timeframe"],
      ["Objective text", "1. Late step", "", ""],
      ["Deliverables", "1. Toolkit", "", "Dropped"],
    ]);
    expect(paragraphs).toContain("Charge: First line\nSecond line");
  });

  it("writes the Spanish labels of the template and the Spanish status names", async () => {
    const { tables, paragraphs } = await readDocx(await renderPlanDocx(partnershipPlan(), "es"));
    const rows = tableWith(tables, "Objetivo I");
    expect(rows[0]).toEqual(["Objetivo I", "Pasos de acción", "Responsable", "Plazo"]);
    expect(rows.find((r) => r[0] === "Productos")?.[3]).toBe("Completado");
    expect(rows[3]?.[3]).toBe("30 jun 2011");
    expect(paragraphs.some((p) => p.startsWith("Meta: Advise the Home Visiting"))).toBe(true);
    expect(paragraphs.some((p) => p.startsWith("Encargo: "))).toBe(true);
  });
});

describe("Linkages work plan as DOCX", () => {
  it("has the header table with every contact person, phone and email", async () => {
    const { tables } = await readDocx(await renderPlanDocx(linkagesPlan(), "en"));
    expect(tableWith(tables, "County:")).toEqual([
      ["County:", "Any County, CA"],
      ["Contact persons:", "Michael Lopez / Sheila Adams"],
      ["Phone:", "615 321-4567 / 615 543-9102"],
      ["Email:", "mlopez@anycounty.gov / sadams@anycounty.gov"],
      ["Date:", "Nov 21, 2021"],
    ]);
  });

  it("shows the Linkages goal under its caption", async () => {
    const { tables } = await readDocx(await renderPlanDocx(linkagesPlan(), "en"));
    expect(rowAfter(tableWith(tables, /^LINKAGES GOAL for the next 12 months$/i), /^Linkages goal/i)).toEqual(
      [expect.stringMatching(/^To enhance service coordination between CalWORKs and Child Welfare/)],
    );
  });

  it("checks the topic areas the plan has in the three-category overview", async () => {
    const { tables } = await readDocx(await renderPlanDocx(linkagesPlan(), "en"));
    const rows = tableWith(tables, "WORK PLAN TOPIC AREAS");
    expect(rows[1]?.map((c) => c.toLowerCase())).toEqual([
      "program launch or expansion",
      "practice development",
      "administration",
    ]);
    expect(rows[2]).toEqual(["☒ Strategic direction", "☐ Client identification", "☐ Project management"]);
    expect(rows[3]).toEqual(["☐ Target population", "☐ Information sharing", "☐ Staff training"]);
    expect(rows[6]).toEqual(["☐ Other:", "☐ Other:", "☐ Other:"]);
  });

  it("gives the topic area its objective, target date and action steps as in seed 004", async () => {
    const { tables } = await readDocx(await renderPlanDocx(linkagesPlan(), "en"));
    const rows = tableWith(tables, /^Work plan topic area:$/i);
    expect(rows[0]).toEqual(["Work plan topic area:", "Strategic direction"]);
    expect(rows[1]).toEqual([
      "Implementation objective: A year from now, what has been accomplished in this topic area?",
      LINKAGES_OBJECTIVE,
    ]);
    expect(rows[2]).toEqual(["Target date: to complete the Implementation Objective", "Mar 2022"]);
    expect(rows[3]?.[0]).toMatch(/^What are the Action Steps to be taken\? List below$/i);
    expect(rows[3]?.slice(1).map((c) => c.toLowerCase())).toEqual(["who is assigned?", "due date"]);
    expect(rowAfter(rows, /^What are the Action Steps to be taken\?/i)).toEqual([
      `1. ${LINKAGES_STEPS[0]?.title}`,
      "M. Lopez & S. Adams (LCs)",
      "Nov 14, 2021",
    ]);
    expect(rows.slice(4).map((r) => r[2])).toEqual([
      "Nov 14, 2021",
      "Jan 15, 2022",
      "Feb 15, 2022",
      "Mar 15, 2022",
    ]);
  });

  it("names an 'Other' topic area by the text the county typed and checks its box", async () => {
    const base = linkagesPlan();
    const doc = buildPlan({
      templateKey: "linkages-work-plan",
      title: base.title,
      header: base.header,
      items: [
        itemRow({
          id: "t9",
          section: "administration",
          level: "topic_area_administration",
          position: 1,
          title: "Personnel are oriented to the values & principles of Linkages.",
          fields: { topic: "other", other_topic: "Training" },
          dueDate: "2022-11-30",
        }),
      ],
    });
    const { tables } = await readDocx(await renderPlanDocx(doc, "en"));
    expect(tableWith(tables, "WORK PLAN TOPIC AREAS")[6]).toEqual([
      "☐ Other:",
      "☐ Other:",
      "☒ Other: Training",
    ]);
    expect(tableWith(tables, /^Work plan topic area:$/i)[0]).toEqual(["Work plan topic area:", "Training"]);
  });
});

describe("County SIP as DOCX", () => {
  it("opens with the SIP cover sheet, signature lines left blank", async () => {
    const { tables, paragraphs } = await readDocx(await renderPlanDocx(sipPlan(), "en"));
    expect(paragraphs).toContain("SIP Cover Sheet");
    const cover = tableWith(tables, /^California's Child and Family Services Review/);
    expect(cover[0]).toEqual(["California's Child and Family Services Review\nSystem Improvement Plan"]);
    expect(cover.slice(1, 6)).toEqual([
      ["County:", "Any County"],
      ["Responsible county child welfare agency:", "Any County Department of Social Services"],
      ["Period of Plan:", "Oct 1, 2004 – Sep 30, 2009"],
      ["Period of outcomes data:", "Quarter ending June 30, 2003"],
      ["Date submitted:", "Sep 30, 2004"],
    ]);
    expect(rowAfter(cover, "County Contact Person for County System Improvement Plan")).toEqual([
      "Name:",
      "Jane Rivera",
    ]);
    expect(cover.slice(-7)).toEqual([
      ["Submitted by each agency for the children under its care"],
      ["Submitted by:", "County Child Welfare Agency Director (Lead Agency)"],
      ["Name:", "Robert Kim"],
      ["Signature:", ""],
      ["Submitted by:", "County Chief Probation Officer"],
      ["Name:", "Ana Ortiz"],
      ["Signature:", ""],
    ]);
  });

  it("lays each component out as the SIP component matrix with its milestones", async () => {
    const { tables } = await readDocx(await renderPlanDocx(sipPlan(), "en"));
    const rows = tableWith(tables, /^Outcome\/Systemic Factor:$/i);
    expect(rows.slice(0, 5)).toEqual([
      ["Outcome/systemic factor:", "C1.1 Reunification within 12 months (Probation)"],
      ["County's current performance:", expect.stringMatching(/^48\.2% of children reunified/)],
      ["Improvement Goal 1.0", "Increase timely reunification to 55% by 2009."],
      ["Strategy 1.1", "Hold family team meetings within 30 days of placement."],
      ["Strategy rationale", "Early engagement of families shortens time to reunification."],
    ]);
    expect(rows[5]).toEqual(["Milestone", "Timeframe", "Assigned to"]);
    expect(rows.slice(6, 8)).toEqual([
      ["1.1.1 Train family team meeting facilitators.", "Oct 2004 – Mar 2005", "Maria Chen"],
      ["1.1.2 Hold meetings for all new placements.", "Jun 30, 2005", "CWS program manager"],
    ]);
    expect(rowAfter(rows, "Strategy 1.2")).toEqual([
      "Strategy rationale",
      "Parents who have reunified help others navigate the case plan.",
    ]);
    expect(rows.at(-1)).toEqual([
      "1.2.2 Match every reunifying parent with a mentor.",
      "Jun 30, 2006",
      "Parent partner lead",
    ]);
  });

  it("puts the narrative before the components and the closing sections after them", async () => {
    const { sequence } = await readDocx(await renderPlanDocx(sipPlan(), "en"));
    const order = [
      "SIP narrative",
      "Local planning bodies",
      "SIP components",
      "Supporting the improvement goals",
    ].map((t) => sequence.indexOf(t));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(sequence.indexOf("Community partners host family team meetings.")).toBeGreaterThan(order[3] ?? 0);
  });

  it("says 'Meta de mejora 1.0' and the other Spanish labels in a Spanish export", async () => {
    const { tables } = await readDocx(await renderPlanDocx(sipPlan(), "es"));
    const rows = tableWith(tables, "Resultado/factor sistémico:");
    expect(rows.map((r) => r[0])).toEqual([
      "Resultado/factor sistémico:",
      "Desempeño actual del condado:",
      "Meta de mejora 1.0",
      "Estrategia 1.1",
      "Justificación de la estrategia",
      "Hito",
      "1.1.1 Train family team meeting facilitators.",
      "1.1.2 Hold meetings for all new placements.",
      "Estrategia 1.2",
      "Justificación de la estrategia",
      "Hito",
      "1.2.1 Hire two parent partners.",
      "1.2.2 Match every reunifying parent with a mentor.",
    ]);
    expect(rows[0]?.[1]).toBe("C1.1 Reunification within 12 months (Libertad condicional)");
    expect(rows[5]).toEqual(["Hito", "Plazo", "Asignado a"]);
    const cover = tableWith(tables, /^Revisión de Servicios para Niños y Familias de California/);
    expect(cover.map((r) => r[0])).toContain("Período del plan:");
    expect(cover.map((r) => r[0])).toContain("Firma:");
    expect(rowAfter(cover, "Período del plan:")).toEqual([
      "Período de los datos de resultados:",
      expect.any(String),
    ]);
  });
});

describe("a template without a layout of its own", () => {
  it("falls back to headings per item and a table of the trackable items", async () => {
    const doc = { ...partnershipPlan(), templateKey: "county-partnership-v2" };
    const { tables, paragraphs } = await readDocx(await renderPlanDocx(doc, "en"));
    expect(paragraphs).toContain("Goals and objectives");
    expect(paragraphs).toContain(
      "Objective I: Develop and provide high quality technical assistance to communities with a big tent approach that helps them; 1) Build and/or enhance their collaborative partnership 2) Choose and implement the evidence-based home visitation model that best fit their needs",
    );
    const steps = tableWith(tables, "Action steps");
    expect(steps[0]).toEqual(["Action steps", "Responsibility", "Due date", "Timeframe", "Status"]);
    expect(steps[1]?.slice(1)).toEqual(["CSDWG SF grantee and SAC grantee", "", "Ongoing", "In progress"]);
    const deliverables = tableWith(tables, "Deliverables");
    expect(deliverables).toHaveLength(6);
  });
});
