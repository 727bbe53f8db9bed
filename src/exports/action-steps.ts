/**
 * The rows of the action-step spreadsheet (XLSX and CSV): every item whose level tracks status (action
 * steps, deliverables, milestones) with its place in the plan. The column keys are stable English
 * snake_case because the CSV import (csv/action-steps-import.ts) reads them back.
 */
import type { PlanDocument, PlanItemNode } from "../features/plans/plans.presenter.ts";
import type { ExportWord } from "./labels.ts";

export const ACTION_STEP_COLUMNS = [
  "section",
  "parent_number",
  "parent_title",
  "level",
  "number",
  "title",
  "assignee",
  "due_date",
  "timeframe",
  "status",
  "item_id",
] as const;
export type ActionStepColumn = (typeof ACTION_STEP_COLUMNS)[number];
export type ActionStepRecord = Record<ActionStepColumn, string>;

/** The localized description of each column (a note on the spreadsheet's header cells). */
export const COLUMN_NOTES: Record<ActionStepColumn, ExportWord> = {
  section: "col_section",
  parent_number: "col_parent_number",
  parent_title: "col_parent_title",
  level: "col_level",
  number: "col_number",
  title: "col_title",
  assignee: "col_assignee",
  due_date: "col_due_date",
  timeframe: "col_timeframe",
  status: "col_status",
  item_id: "col_item_id",
};

export function actionStepRecords(doc: PlanDocument): ActionStepRecord[] {
  const tracked = new Set(doc.template.levels.filter((l) => l.tracking.status).map((l) => l.key));
  const records: ActionStepRecord[] = [];
  const visit = (node: PlanItemNode, parent: PlanItemNode | null) => {
    if (tracked.has(node.level)) {
      records.push({
        section: node.section,
        parent_number: parent?.number ?? "",
        parent_title: parent?.title ?? "",
        level: node.level,
        number: node.number ?? "",
        title: node.title,
        assignee: node.assignee.display,
        due_date: node.dueDate ?? "",
        timeframe: node.timeframe ?? "",
        status: node.status ?? "not_started",
        item_id: node.id,
      });
    }
    for (const child of node.children) visit(child, node);
  };
  for (const section of doc.sections) for (const root of section.items) visit(root, null);
  return records;
}
