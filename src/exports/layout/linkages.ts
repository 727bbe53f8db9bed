/**
 * Linkages work plan (seed 004): the header table (county, contacts, date), the Linkages goal box, the
 * "work plan topic areas" overview with a check box per topic, then per topic area its table: topic area,
 * implementation objective, target date and the action steps with who is assigned and the due date.
 */
import type { PlanItemNode } from "../../features/plans/plans.presenter.ts";
import type { FieldDefinition, LevelDefinition } from "../../features/templates/template.schema.ts";
import {
  type Block,
  type Cell,
  captionCell,
  cell,
  headerRows,
  type LayoutContext,
  numberedTitle,
  type Row,
  run,
  type TableBlock,
} from "./blocks.ts";

export function linkagesBlocks(ctx: LayoutContext): Block[] {
  const { doc } = ctx;
  const blocks: Block[] = [{ kind: "title", text: doc.title }];
  const short = doc.template.header.filter((f) => f.type !== "textarea");
  if (short.length > 0) blocks.push({ kind: "table", widths: [30, 70], rows: headerRows(ctx, short) });
  for (const field of doc.template.header.filter((f) => f.type === "textarea")) {
    blocks.push(goalBox(ctx, field));
  }
  blocks.push(topicOverview(ctx));
  for (const section of doc.sections) {
    if (section.kind !== "items") continue;
    for (const area of section.items) blocks.push(topicAreaTable(ctx, area));
  }
  return blocks;
}

/** "LINKAGES GOAL for the next 12 months" above the goal, in one box. */
function goalBox(ctx: LayoutContext, field: FieldDefinition): TableBlock {
  const text = ctx.fieldText(field, ctx.doc.header[field.key]);
  return {
    kind: "table",
    widths: [100],
    rows: [{ cells: [cell(ctx.t(field.label), { bold: true, shaded: true })] }, { cells: [cell(text)] }],
  };
}

/** The select field that names a topic area's topic, and the free-text field for "Other". */
function topicFields(level: LevelDefinition | undefined) {
  const select = level?.fields.find((f) => f.type === "select");
  const other = level?.fields.find((f) => f.type === "text");
  return { select, other };
}

function topicOverview(ctx: LayoutContext): TableBlock {
  const columns = ctx.doc.sections
    .filter((s) => s.kind === "items")
    .map((view) => {
      const definition = ctx.doc.template.sections.find((s) => s.key === view.key);
      const { select, other } = topicFields(ctx.level(definition?.rootLevel ?? ""));
      const chosen = (value: string) => view.items.filter((i) => select && i.fields[select.key] === value);
      const boxes: Cell[] = (select?.options ?? []).map((option) => {
        const items = chosen(option.value);
        const others =
          option.value === "other" && other
            ? items.map((i) => String(i.fields[other.key] ?? "").trim()).filter(Boolean)
            : [];
        const label = option.value === "other" ? `${ctx.t(option.label)}:` : ctx.t(option.label);
        const text = others.length > 0 ? `${label} ${others.join(", ")}` : label;
        return { paragraphs: [[{ checkbox: items.length > 0 }, run(` ${text}`)]] };
      });
      return { heading: ctx.t(definition?.label), boxes };
    });
  const count = columns.length || 1;
  const depth = Math.max(0, ...columns.map((c) => c.boxes.length));
  const rows: Row[] = [
    { cells: [cell(ctx.word("work_plan_topic_areas"), { bold: true, shaded: true, colSpan: count })] },
    { cells: columns.map((c) => cell(c.heading, { bold: true, shaded: true })) },
  ];
  for (let i = 0; i < depth; i++) rows.push({ cells: columns.map((c) => c.boxes[i] ?? cell("")) });
  return { kind: "table", widths: columns.map(() => 1), rows, headerRows: 2 };
}

/** The topic's label, or the "Other" text the county typed. */
function topicLabel(ctx: LayoutContext, area: PlanItemNode): string {
  const { select, other } = topicFields(ctx.level(area.level));
  const value = select ? area.fields[select.key] : undefined;
  const otherText = other ? String(area.fields[other.key] ?? "").trim() : "";
  if (value === "other" || value === undefined || value === null || value === "") return otherText;
  return select ? ctx.fieldText(select, value) : otherText;
}

function topicAreaTable(ctx: LayoutContext, area: PlanItemNode): TableBlock {
  const level = ctx.level(area.level);
  const rows: Row[] = [
    {
      cells: [
        captionCell(`${ctx.t(level?.label)}:`),
        cell(topicLabel(ctx, area), { bold: true, colSpan: 2 }),
      ],
    },
    {
      cells: [
        captionCell(`${ctx.t(level?.titleLabel)}:`, ctx.word("objective_hint")),
        cell(area.title, { colSpan: 2 }),
      ],
    },
  ];
  if (level?.tracking.dueDate) {
    rows.push({
      cells: [
        captionCell(`${ctx.t(level.dueDateLabel) || ctx.word("due_date")}:`, ctx.word("target_date_hint")),
        cell(ctx.month(area.dueDate), { colSpan: 2 }),
      ],
    });
  }
  for (const childKey of level?.children ?? []) {
    const step = ctx.level(childKey);
    if (!step) continue;
    rows.push({
      cells: [
        captionCell(ctx.t(step.titleLabel), ctx.word("list_below"), { shaded: true }),
        captionCell(ctx.t(step.assigneeLabel) || ctx.word("responsibility"), undefined, { shaded: true }),
        captionCell(ctx.t(step.dueDateLabel) || ctx.word("due_date"), undefined, { shaded: true }),
      ],
    });
    for (const node of area.children.filter((c) => c.level === childKey)) {
      rows.push({
        cells: [cell(numberedTitle(node)), cell(node.assignee.display), cell(ctx.date(node.dueDate))],
      });
    }
  }
  return { kind: "table", widths: [55, 27, 18], rows };
}
