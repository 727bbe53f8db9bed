/** The plan's action steps, deliverables and milestones as CSV for Excel (UTF-8 with a byte-order mark). */
import { stringify } from "csv-stringify/sync";
import type { PlanDocument } from "../../features/plans/plans.presenter.ts";
import { ACTION_STEP_COLUMNS, actionStepRecords } from "../action-steps.ts";
import type { ExportLocale } from "../labels.ts";

/**
 * A spreadsheet opening the file would run a cell starting with one of these as a formula; such cells get
 * a leading apostrophe, which the import removes again (see unescapeCell).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function escapeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function unescapeCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/**
 * Headers and values are the stable codes the import reads back (status "in_progress", level
 * "action_step"), so the file is the same in every language; `locale` is taken for symmetry with the
 * other exports.
 */
export function renderActionStepsCsv(doc: PlanDocument, _locale: ExportLocale): string {
  const rows = actionStepRecords(doc).map((record) => ACTION_STEP_COLUMNS.map((c) => escapeCell(record[c])));
  return stringify([[...ACTION_STEP_COLUMNS], ...rows], { bom: true, record_delimiter: "\r\n" });
}
