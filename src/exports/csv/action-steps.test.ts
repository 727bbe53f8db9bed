import { describe, expect, it } from "vitest";
import { walkItems } from "../../features/plans/plans.presenter.ts";
import { buildPlan, itemRow, linkagesPlan, partnershipPlan, sipPlan } from "../test-fixtures.ts";
import { renderActionStepsCsv } from "./action-steps.ts";
import { parseActionStepsCsv } from "./action-steps-import.ts";

describe("action-step CSV export", () => {
  it("starts with a byte-order mark and the stable header", () => {
    const csv = renderActionStepsCsv(linkagesPlan(), "en");
    expect(
      csv.startsWith(
        "\uFEFFsection,parent_number,parent_title,level,number,title,assignee,due_date,timeframe,status,item_id\r\n",
      ),
    ).toBe(true);
    expect(csv.split("\r\n")[1]).toMatch(/^program_launch,,"?Leadership actions/);
  });

  it("quotes titles with commas and quotes", () => {
    const csv = renderActionStepsCsv(partnershipPlan(), "en");
    expect(csv).toContain(
      '"Building on the existing Strong Foundation\'s TA model, use a lead consultant model to build a cadre of professionals that will carry out the technical assistance work of this support system to ensure local access."',
    );
  });

  it("keeps a title that starts like a formula from running in Excel, and reads it back unchanged", () => {
    const base = linkagesPlan();
    const doc = buildPlan({
      templateKey: "linkages-work-plan",
      title: base.title,
      header: base.header,
      items: [
        itemRow({
          id: "t1",
          section: "program_launch",
          level: "topic_area_program_launch",
          position: 0,
          title: "Objective",
        }),
        itemRow({
          id: "s1",
          parentId: "t1",
          section: "program_launch",
          level: "action_step",
          position: 0,
          title: '=HYPERLINK("http://x")',
          status: "not_started",
        }),
      ],
    });
    const csv = renderActionStepsCsv(doc, "en");
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(parseActionStepsCsv(csv, doc).rows[0]?.title).toBe('=HYPERLINK("http://x")');
  });
});

describe("action-step CSV round trip", () => {
  for (const [name, build] of [
    ["partnership work plan", partnershipPlan],
    ["Linkages work plan", linkagesPlan],
    ["county SIP", sipPlan],
  ] as const) {
    it(`reads the ${name}'s export back as rows under the same parents`, () => {
      const doc = build();
      const csv = renderActionStepsCsv(doc, "en");
      const { rows, errors } = parseActionStepsCsv(csv, doc);
      expect(errors).toEqual([]);
      const tracked = doc.sections
        .flatMap((s) => [...walkItems(s.items)])
        .map((w) => w.node)
        .filter((n) => n.status !== null);
      expect(rows).toHaveLength(tracked.length);
      expect(rows).toEqual(
        tracked.map((n, i) => ({
          line: i + 2,
          parentId: n.parentId,
          section: n.section,
          level: n.level,
          title: n.title,
          assigneeText: n.assignee.display || null,
          dueDate: n.dueDate,
          timeframe: n.timeframe,
          status: n.status,
        })),
      );
    });
  }
});
