import { describe, expect, it } from "vitest";
import {
  buildPlan,
  itemRow,
  LINKAGES_OBJECTIVE,
  linkagesPlan,
  partnershipPlan,
  sipPlan,
} from "../test-fixtures.ts";
import { parseActionStepsCsv } from "./action-steps-import.ts";

const HEADER = "section,parent_number,parent_title,level,title,assignee,due_date,timeframe,status";
const csv = (...lines: string[]) => [HEADER, ...lines].join("\r\n");

describe("action-step CSV import", () => {
  it("adds a row under the objective named by its number, with every field", () => {
    const { rows, errors } = parseActionStepsCsv(
      csv("goals,I,,action_step,Present the toolkit to the ELC,Chair,2011-06-30,June 2011,in_progress"),
      partnershipPlan(),
    );
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        parentId: "o1",
        section: "goals",
        level: "action_step",
        title: "Present the toolkit to the ELC",
        assigneeText: "Chair",
        dueDate: "2011-06-30",
        timeframe: "June 2011",
        status: "in_progress",
      },
    ]);
  });

  it("finds an unnumbered parent by its title, trimmed and in any case, and infers the only child level", () => {
    const title = `  ${LINKAGES_OBJECTIVE.toUpperCase()} `;
    const { rows, errors } = parseActionStepsCsv(
      ["section,parent_title,title", `program_launch,"${title}",Print the posters`].join("\n"),
      linkagesPlan(),
    );
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({
      parentId: "t1",
      level: "action_step",
      status: "not_started",
      dueDate: null,
    });
  });

  it("reports an unknown column on the header line", () => {
    const { errors } = parseActionStepsCsv(
      ["section,parent_number,title,priority", "goals,I,A step,high"].join("\n"),
      partnershipPlan(),
    );
    expect(errors).toContainEqual({ line: 1, field: "priority", message: "unknown column" });
  });

  it("requires a title and refuses one longer than 2000 characters", () => {
    const { rows, errors } = parseActionStepsCsv(
      csv("goals,I,,action_step,,,,,", `goals,I,,action_step,${"x".repeat(2001)},,,,`),
      partnershipPlan(),
    );
    expect(rows).toEqual([]);
    expect(errors).toEqual([
      { line: 2, field: "title", message: "required" },
      { line: 3, field: "title", message: "longer than 2000 characters" },
    ]);
  });

  it("refuses a due date that is not a real YYYY-MM-DD date", () => {
    const { errors } = parseActionStepsCsv(
      csv("goals,I,,action_step,A,,2011-02-30,,", "goals,I,,action_step,B,,03/15/2011,,"),
      partnershipPlan(),
    );
    expect(errors.map((e) => [e.line, e.field])).toEqual([
      [2, "due_date"],
      [3, "due_date"],
    ]);
  });

  it("refuses a status that is not one of the five codes", () => {
    const { errors } = parseActionStepsCsv(csv("goals,I,,action_step,A,,,,done"), partnershipPlan());
    expect(errors).toEqual([
      {
        line: 2,
        field: "status",
        message: '"done" is not one of not_started, in_progress, completed, deferred, dropped',
      },
    ]);
  });

  it("refuses a section the plan does not have and a parent it cannot find", () => {
    const { errors } = parseActionStepsCsv(
      csv(
        "objectives,I,,action_step,A,,,,",
        "goals,IV,,action_step,B,,,,",
        "goals,,No such objective,action_step,C,,,,",
      ),
      partnershipPlan(),
    );
    expect(errors.map((e) => [e.line, e.field])).toEqual([
      [2, "section"],
      [3, "parent_number"],
      [4, "parent_title"],
    ]);
  });

  it("refuses a level that cannot go under the parent, and asks for one when two could", () => {
    const { errors } = parseActionStepsCsv(
      csv("goals,I,,milestone,A,,,,", "goals,I,,,B,,,,"),
      partnershipPlan(),
    );
    expect(errors).toEqual([
      {
        line: 2,
        field: "level",
        message: '"milestone" is not allowed under objective items (allowed: action_step, deliverable)',
      },
      { line: 3, field: "level", message: "required: objective items can hold action_step or deliverable" },
    ]);
  });

  it("refuses a timeframe for a level that has none", () => {
    const { errors } = parseActionStepsCsv(
      ["section,parent_title,title,timeframe", `program_launch,"${LINKAGES_OBJECTIVE}",A,Spring`].join("\n"),
      linkagesPlan(),
    );
    expect(errors).toEqual([{ line: 2, field: "timeframe", message: "action_step items have no timeframe" }]);
  });

  it("tells apart strategies numbered alike in two components by the parent title", () => {
    const base = sipPlan();
    const component = (n: number) => [
      itemRow({
        id: `c${n}`,
        section: "components",
        level: "component",
        position: n,
        title: `Component ${n}`,
      }),
      itemRow({
        id: `c${n}-g`,
        parentId: `c${n}`,
        section: "components",
        level: "goal",
        position: 0,
        title: "Goal",
      }),
      itemRow({
        id: `c${n}-s`,
        parentId: `c${n}-g`,
        section: "components",
        level: "strategy",
        position: 0,
        title: `Strategy of component ${n}`,
      }),
    ];
    const doc = buildPlan({
      templateKey: "county-sip",
      title: base.title,
      header: base.header,
      items: [...component(1), ...component(2)],
    });
    const { rows, errors } = parseActionStepsCsv(
      csv("components,1.1,,,Ambiguous,,,,", "components,1.1,Strategy of component 2,,Train staff,,,,"),
      doc,
    );
    expect(errors).toEqual([
      {
        line: 2,
        field: "parent_number",
        message: 'several items are numbered "1.1" in components; give parent_title too',
      },
    ]);
    expect(rows).toMatchObject([{ line: 3, parentId: "c2-s", level: "milestone" }]);
  });

  it("counts lines from the header and across line breaks inside quoted titles", () => {
    const { rows } = parseActionStepsCsv(
      csv('goals,I,,action_step,"Two\nlines",,,,', "", "goals,I,,action_step,After,,,,"),
      partnershipPlan(),
    );
    expect(rows.map((r) => [r.line, r.title])).toEqual([
      [2, "Two\nlines"],
      [5, "After"],
    ]);
  });

  it("reads a file Spanish Excel saved with semicolons", () => {
    const { rows, errors } = parseActionStepsCsv(
      "\uFEFFsection;parent_number;level;title;due_date\r\ngoals;I;deliverable;Informe final, revisado;2011-09-30\r\n",
      partnershipPlan(),
    );
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({
      title: "Informe final, revisado",
      level: "deliverable",
      dueDate: "2011-09-30",
    });
  });

  it("gives one file error for a malformed CSV, at the parser's line", () => {
    const { rows, errors } = parseActionStepsCsv(
      csv("goals,I,,action_step,A,,,,", 'goals,I,,action_step,"never closed,,,,'),
      partnershipPlan(),
    );
    expect(rows).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 3, field: "file" });
    expect(errors[0]?.message).toMatch(/Quote Not Closed/);
  });
});
