import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { ACTION_STEP_COLUMNS } from "../action-steps.ts";
import {
  LINKAGES_OBJECTIVE,
  LINKAGES_STEPS,
  linkagesPlan,
  partnershipPlan,
  sipPlan,
} from "../test-fixtures.ts";
import { renderActionStepsXlsx } from "./action-steps.ts";

async function readSheet(buffer: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error("no sheet");
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    rows.push(ACTION_STEP_COLUMNS.map((_, i) => String(row.getCell(i + 1).value ?? "")));
  });
  return { workbook, sheet, rows };
}

describe("action-step spreadsheet (XLSX)", () => {
  it("has one sheet with a bold, frozen, filtered header row of the stable column keys", async () => {
    const { workbook, sheet, rows } = await readSheet(await renderActionStepsXlsx(linkagesPlan(), "en"));
    expect(workbook.worksheets).toHaveLength(1);
    expect(sheet.name).toBe("Action steps");
    expect(rows[0]).toEqual([...ACTION_STEP_COLUMNS]);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.getColumn(6).width).toBe(60);
  });

  it("lists each action step with its topic area as parent, its assignee and its due date", async () => {
    const { rows } = await readSheet(await renderActionStepsXlsx(linkagesPlan(), "en"));
    expect(rows.slice(1).map((r) => r.slice(0, 10))).toEqual(
      LINKAGES_STEPS.map((s, i) => [
        "program_launch",
        "",
        LINKAGES_OBJECTIVE,
        "action_step",
        String(i + 1),
        s.title,
        s.assignee,
        s.dueDate,
        "",
        "not_started",
      ]),
    );
    expect(rows[1]?.[10]).toBe("t1-s1");
  });

  it("includes deliverables and milestones with their parent's number", async () => {
    const partnership = await readSheet(await renderActionStepsXlsx(partnershipPlan(), "en"));
    expect(partnership.rows.slice(1).map((r) => `${r[3]} ${r[1]}/${r[4]} ${r[9]}`)).toEqual([
      "action_step I/1 in_progress",
      "action_step I/2 not_started",
      "action_step I/3 not_started",
      "deliverable I/1 completed",
      "deliverable I/2 completed",
      "deliverable I/3 completed",
      "deliverable I/4 in_progress",
      "deliverable I/5 completed",
      "action_step II/1 not_started",
    ]);
    const sip = await readSheet(await renderActionStepsXlsx(sipPlan(), "en"));
    expect(sip.rows.slice(1).map((r) => [r[1], r[4], r[6], r[8]])).toEqual([
      ["1.1", "1.1.1", "Maria Chen", "Oct 2004 – Mar 2005"],
      ["1.1", "1.1.2", "CWS program manager", ""],
      ["1.2", "1.2.1", "Deputy director", "By Dec 2005"],
      ["1.2", "1.2.2", "Parent partner lead", ""],
    ]);
  });

  it("names the sheet and explains the columns in Spanish, keeping the column keys", async () => {
    const { sheet, rows } = await readSheet(await renderActionStepsXlsx(linkagesPlan(), "es"));
    expect(sheet.name).toBe("Pasos de acción");
    expect(rows[0]).toEqual([...ACTION_STEP_COLUMNS]);
    expect(JSON.stringify(sheet.getRow(1).getCell(8).note)).toContain("Fecha límite (AAAA-MM-DD)");
  });
});
