/**
 * Reads an action-step CSV (the export's columns, e.g. after a work group filled in new rows in Excel) into
 * new items for a plan, checking each row against the plan and its template. Nothing is written here: the
 * caller shows the errors, or creates the rows when there are none.
 */
import { CsvError, parse } from "csv-parse/sync";
import { ITEM_STATUSES, type ItemStatus } from "../../db/schema/plans.ts";
import { type PlanDocument, type PlanItemNode, walkItems } from "../../features/plans/plans.presenter.ts";
import type { LevelDefinition } from "../../features/templates/template.schema.ts";
import { ACTION_STEP_COLUMNS, type ActionStepColumn } from "../action-steps.ts";
import { unescapeCell } from "./action-steps.ts";

export interface ImportRow {
  /** The CSV line the row starts on (the header is line 1). */
  line: number;
  parentId: string;
  section: string;
  level: string;
  title: string;
  assigneeText: string | null;
  dueDate: string | null;
  timeframe: string | null;
  status: ItemStatus;
}

export interface ImportError {
  line: number;
  field: string;
  message: string;
}

const MAX_TITLE = 2000;
const MAX_ASSIGNEE = 300;
const MAX_TIMEFRAME = 200;

interface InfoRecord {
  record: string[];
  info: { lines: number };
}

type Values = Partial<Record<ActionStepColumn, string>>;

export function parseActionStepsCsv(
  csvText: string,
  doc: PlanDocument,
): { rows: ImportRow[]; errors: ImportError[] } {
  let records: InfoRecord[];
  try {
    // With `info`, each record comes with where it ends; the typings only describe plain records.
    records = parse(csvText, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      delimiter: delimiterOf(csvText),
    }) as unknown as InfoRecord[];
  } catch (error) {
    if (error instanceof CsvError) {
      const line = typeof error.lines === "number" ? error.lines : 0;
      return {
        rows: [],
        errors: [{ line, field: "file", message: `not a readable CSV file: ${error.message}` }],
      };
    }
    throw error;
  }
  const [head, ...body] = records;
  if (!head) return { rows: [], errors: [{ line: 1, field: "file", message: "the file is empty" }] };
  const errors: ImportError[] = [];
  const columns = readHeader(head.record, errors);
  const rows: ImportRow[] = [];
  const resolver = new ParentResolver(doc);
  for (const { record, info } of body) {
    if (record.every((v) => v.trim() === "")) continue;
    // info.lines is where the record ends; quoted line breaks inside it move its first line up.
    const breaks = record.reduce((n, v) => n + (v.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
    const line = info.lines - breaks;
    const extra = record.slice(columns.length).filter((v) => v.trim() !== "");
    if (extra.length > 0) {
      errors.push({ line, field: "row", message: `has more values than the header has columns` });
    }
    const values: Values = {};
    columns.forEach((column, i) => {
      if (column) values[column] = unescapeCell(record[i] ?? "").trim();
    });
    const row = readRow(values, line, doc, resolver, errors);
    if (row) rows.push(row);
  }
  return { rows, errors };
}

/** Spanish Excel saves "CSV" with semicolons; the header line tells which it is. */
function delimiterOf(text: string): string {
  const firstLine = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  return firstLine.includes(";") && !firstLine.includes(",") ? ";" : ",";
}

function readHeader(cells: string[], errors: ImportError[]): (ActionStepColumn | null)[] {
  const known = new Set<string>(ACTION_STEP_COLUMNS);
  const seen = new Set<string>();
  const columns = cells.map((raw) => {
    const name = raw.trim().toLowerCase();
    if (!known.has(name)) {
      if (name !== "") errors.push({ line: 1, field: raw.trim(), message: "unknown column" });
      return null;
    }
    if (seen.has(name)) errors.push({ line: 1, field: name, message: "column appears twice" });
    seen.add(name);
    return name as ActionStepColumn;
  });
  for (const required of ["section", "title"] as const) {
    if (!seen.has(required)) errors.push({ line: 1, field: required, message: "required column is missing" });
  }
  if (!seen.has("parent_number") && !seen.has("parent_title")) {
    errors.push({ line: 1, field: "parent_number", message: "needs a parent_number or parent_title column" });
  }
  return columns;
}

/** Finds the parent item of a row among the plan's items of one section. */
class ParentResolver {
  private readonly bySection = new Map<string, PlanItemNode[]>();

  constructor(private readonly doc: PlanDocument) {
    for (const section of doc.sections) {
      if (section.kind === "items")
        this.bySection.set(
          section.key,
          [...walkItems(section.items)].map((w) => w.node),
        );
    }
  }

  hasSection(key: string): boolean {
    return this.bySection.has(key);
  }

  resolve(section: string, number: string, title: string): { node: PlanItemNode } | ImportError {
    const nodes = this.bySection.get(section) ?? [];
    const sameTitle = (n: PlanItemNode) => n.title.trim().toLowerCase() === title.toLowerCase();
    if (number) {
      const numbered = nodes.filter((n) => n.number === number);
      const matches = numbered.length > 1 && title ? numbered.filter(sameTitle) : numbered;
      if (matches.length === 1 && matches[0]) return { node: matches[0] };
      if (matches.length === 0) {
        return { line: 0, field: "parent_number", message: `no item numbered "${number}" in ${section}` };
      }
      return {
        line: 0,
        field: "parent_number",
        message: `several items are numbered "${number}" in ${section}; give parent_title too`,
      };
    }
    if (!title) return { line: 0, field: "parent_number", message: "give parent_number or parent_title" };
    const matches = nodes.filter(sameTitle);
    if (matches.length === 1 && matches[0]) return { node: matches[0] };
    return {
      line: 0,
      field: "parent_title",
      message:
        matches.length === 0
          ? `no item titled "${title}" in ${section}`
          : `several items are titled "${title}" in ${section}`,
    };
  }

  level(key: string): LevelDefinition | undefined {
    return this.doc.template.levels.find((l) => l.key === key);
  }
}

function readRow(
  values: Values,
  line: number,
  doc: PlanDocument,
  resolver: ParentResolver,
  errors: ImportError[],
): ImportRow | null {
  const before = errors.length;
  const fail = (field: string, message: string) => errors.push({ line, field, message });
  const section = values.section ?? "";
  let parent: PlanItemNode | null = null;
  if (!resolver.hasSection(section)) {
    const known = doc.sections.filter((s) => s.kind === "items").map((s) => s.key);
    fail("section", section ? `no section "${section}" in this plan (${known.join(", ")})` : "required");
  } else {
    const found = resolver.resolve(section, values.parent_number ?? "", values.parent_title ?? "");
    if ("node" in found) parent = found.node;
    else fail(found.field, found.message);
  }

  let level: LevelDefinition | undefined;
  if (parent) {
    const parentLevel = resolver.level(parent.level);
    const allowed = (parentLevel?.children ?? [])
      .map((key) => resolver.level(key))
      .filter((l): l is LevelDefinition => l?.tracking.status === true);
    const given = values.level ?? "";
    if (given) {
      level = allowed.find((l) => l.key === given);
      if (!level) {
        const names = allowed.map((l) => l.key).join(", ") || "nothing";
        fail("level", `"${given}" is not allowed under ${parent.level} items (allowed: ${names})`);
      }
    } else if (allowed.length === 1) {
      level = allowed[0];
    } else if (allowed.length === 0) {
      fail("parent_number", `${parent.level} items hold no action steps, deliverables or milestones`);
    } else {
      fail("level", `required: ${parent.level} items can hold ${allowed.map((l) => l.key).join(" or ")}`);
    }
  }

  const title = values.title ?? "";
  if (!title) fail("title", "required");
  else if (title.length > MAX_TITLE) fail("title", `longer than ${MAX_TITLE} characters`);

  const assignee = values.assignee ?? "";
  if (assignee.length > MAX_ASSIGNEE) fail("assignee", `longer than ${MAX_ASSIGNEE} characters`);
  else if (assignee && level && !level.tracking.assignee)
    fail("assignee", `${level.key} items have no assignee`);

  const dueDate = values.due_date ?? "";
  if (dueDate && !isRealDate(dueDate)) fail("due_date", `"${dueDate}" is not a date written YYYY-MM-DD`);
  else if (dueDate && level && !level.tracking.dueDate)
    fail("due_date", `${level.key} items have no due date`);

  const timeframe = values.timeframe ?? "";
  if (timeframe.length > MAX_TIMEFRAME) fail("timeframe", `longer than ${MAX_TIMEFRAME} characters`);
  else if (timeframe && level && !level.tracking.timeframe)
    fail("timeframe", `${level.key} items have no timeframe`);

  const status = (values.status ?? "").toLowerCase() || "not_started";
  if (!(ITEM_STATUSES as readonly string[]).includes(status)) {
    fail("status", `"${values.status}" is not one of ${ITEM_STATUSES.join(", ")}`);
  }

  if (errors.length > before || !parent || !level) return null;
  return {
    line,
    parentId: parent.id,
    section,
    level: level.key,
    title,
    assigneeText: assignee || null,
    dueDate: dueDate || null,
    timeframe: timeframe || null,
    status: status as ItemStatus,
  };
}

function isRealDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}
