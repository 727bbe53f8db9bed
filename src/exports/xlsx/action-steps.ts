/** The plan's action steps, deliverables and milestones as one Excel sheet. */
import ExcelJS from "exceljs";
import { ITEM_STATUSES } from "../../db/schema/plans.ts";
import type { PlanDocument } from "../../features/plans/plans.presenter.ts";
import {
  ACTION_STEP_COLUMNS,
  type ActionStepColumn,
  actionStepRecords,
  COLUMN_NOTES,
} from "../action-steps.ts";
import { type ExportLocale, word } from "../labels.ts";

const WIDTHS: Record<ActionStepColumn, number> = {
  section: 22,
  parent_number: 14,
  parent_title: 40,
  level: 16,
  number: 10,
  title: 60,
  assignee: 28,
  due_date: 12,
  timeframe: 18,
  status: 14,
  item_id: 38,
};

export async function renderActionStepsXlsx(doc: PlanDocument, locale: ExportLocale): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Trellis";
  workbook.title = doc.title;
  const sheet = workbook.addWorksheet(word("sheet_name", locale), {
    views: [{ state: "frozen", xSplit: 0, ySplit: 1 }],
  });
  // Header keys stay the import's column names; the notes explain them in the reader's language.
  sheet.columns = ACTION_STEP_COLUMNS.map((key) => ({ header: key, key, width: WIDTHS[key] }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  ACTION_STEP_COLUMNS.forEach((key, i) => {
    header.getCell(i + 1).note = word(COLUMN_NOTES[key], locale);
  });
  // Every value is text: a due date stays "2022-03-15" when the sheet is saved back as CSV.
  for (const record of actionStepRecords(doc)) sheet.addRow(record);
  const statusColumn = ACTION_STEP_COLUMNS.indexOf("status") + 1;
  const titleColumn = ACTION_STEP_COLUMNS.indexOf("title") + 1;
  for (let r = 2; r <= sheet.rowCount; r++) {
    sheet.getRow(r).getCell(statusColumn).dataValidation = {
      type: "list",
      allowBlank: true,
      formulae: [`"${ITEM_STATUSES.join(",")}"`],
    };
    sheet.getRow(r).getCell(titleColumn).alignment = { wrapText: true, vertical: "top" };
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ACTION_STEP_COLUMNS.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
