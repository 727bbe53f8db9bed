/**
 * The layout for a template without a seed document of its own: the header as a label/value table, a
 * heading per section and per untracked item, and a table of each run of trackable items (title, assignee,
 * due date, timeframe and status, as the level tracks them).
 */
import type { PlanItemNode } from "../../features/plans/plans.presenter.ts";
import type { LevelDefinition } from "../../features/templates/template.schema.ts";
import {
  type Block,
  cell,
  fieldSectionBlocks,
  headerRows,
  itemFieldText,
  type LayoutContext,
  labelled,
  levelHeading,
  numberedTitle,
  paragraph,
  type Row,
  type TableBlock,
} from "./blocks.ts";

export function genericBlocks(ctx: LayoutContext): Block[] {
  const { doc } = ctx;
  const blocks: Block[] = [{ kind: "title", text: doc.title }];
  const short = doc.template.header.filter((f) => f.type !== "textarea");
  if (short.length > 0) blocks.push({ kind: "table", widths: [35, 65], rows: headerRows(ctx, short) });
  for (const field of doc.template.header.filter((f) => f.type === "textarea")) {
    const text = ctx.fieldText(field, doc.header[field.key]);
    if (text.trim()) blocks.push({ kind: "heading", level: 2, text: ctx.t(field.label) }, ...paragraph(text));
  }
  for (const section of doc.template.sections) {
    if (section.kind === "fields") {
      blocks.push(...fieldSectionBlocks(ctx, section.key));
      continue;
    }
    blocks.push({ kind: "heading", level: 1, text: ctx.t(section.label) });
    blocks.push(...itemsBlocks(ctx, doc.sections.find((s) => s.key === section.key)?.items ?? [], 0));
  }
  return blocks;
}

function itemsBlocks(ctx: LayoutContext, nodes: PlanItemNode[], depth: number): Block[] {
  const blocks: Block[] = [];
  // Trackable siblings share one table per level, however they are interleaved.
  const trackedLevels = [...new Set(nodes.map((n) => n.level))]
    .map((key) => ctx.level(key))
    .filter((l): l is LevelDefinition => l?.tracking.status === true);
  for (const level of trackedLevels) {
    blocks.push(
      trackedTable(
        ctx,
        level,
        nodes.filter((n) => n.level === level.key),
      ),
    );
  }
  for (const node of nodes) {
    const level = ctx.level(node.level);
    if (level?.tracking.status) continue;
    const heading = node.number ? `${levelHeading(ctx, node)}: ${node.title}` : node.title;
    if (node.number || depth < 2) {
      blocks.push({ kind: "heading", level: depth === 0 ? 2 : 3, text: heading });
    } else {
      blocks.push(labelled(ctx.t(level?.label) || node.level, node.title));
    }
    for (const field of level?.fields ?? []) {
      const text = itemFieldText(ctx, node, field.key);
      if (text.trim()) blocks.push(labelled(ctx.t(field.label), text));
    }
    blocks.push(...itemsBlocks(ctx, node.children, depth + 1));
  }
  return blocks;
}

function trackedTable(ctx: LayoutContext, level: LevelDefinition, nodes: PlanItemNode[]): TableBlock {
  const { tracking } = level;
  const columns: { label: string; width: number; value: (n: PlanItemNode) => string }[] = [
    { label: ctx.t(level.titleLabel), width: 40, value: numberedTitle },
  ];
  if (tracking.assignee) {
    columns.push({
      label: ctx.t(level.assigneeLabel) || ctx.word("responsibility"),
      width: 20,
      value: (n) => n.assignee.display,
    });
  }
  if (tracking.dueDate) {
    columns.push({
      label: ctx.t(level.dueDateLabel) || ctx.word("due_date"),
      width: 14,
      value: (n) => ctx.date(n.dueDate),
    });
  }
  if (tracking.timeframe) {
    columns.push({
      label: ctx.t(level.timeframeLabel) || ctx.word("timeframe"),
      width: 14,
      value: (n) => n.timeframe ?? "",
    });
  }
  columns.push({ label: ctx.word("status"), width: 12, value: (n) => ctx.status(n) });
  const rows: Row[] = [
    { cells: columns.map((c) => cell(c.label, { bold: true, shaded: true })) },
    ...nodes.map((n) => ({ cells: columns.map((c) => cell(c.value(n))) })),
  ];
  return { kind: "table", widths: columns.map((c) => c.width), rows, headerRows: 1 };
}
