/**
 * Partnership work plan (seed 000): the header fields as paragraphs, then per goal a "Goal: …" paragraph and
 * per objective one table: `Objective I | Action Steps | Responsibility | Timeframe`, the objective's text in
 * the first column beside its action steps, then a row group per further child level ("Deliverables") whose
 * last column is the item's result or status.
 */
import type { PlanItemNode } from "../../features/plans/plans.presenter.ts";
import type { LevelDefinition } from "../../features/templates/template.schema.ts";
import {
  type Block,
  cell,
  itemFieldText,
  type LayoutContext,
  labelled,
  levelHeading,
  numberedTitle,
  type Row,
  type TableBlock,
} from "./blocks.ts";

export function partnershipBlocks(ctx: LayoutContext): Block[] {
  const { doc } = ctx;
  const blocks: Block[] = [{ kind: "title", text: doc.title }];
  for (const field of doc.template.header) {
    const text = ctx.fieldText(field, doc.header[field.key]);
    if (text.trim()) blocks.push(labelled(ctx.t(field.label), text));
  }
  for (const section of doc.sections) {
    if (section.kind !== "items") continue;
    for (const root of section.items) blocks.push(...rootBlocks(ctx, root));
  }
  return blocks;
}

function rootBlocks(ctx: LayoutContext, root: PlanItemNode): Block[] {
  const level = ctx.level(root.level);
  const blocks: Block[] = [labelled(ctx.t(level?.label) || root.level, root.title)];
  for (const child of root.children) blocks.push(objectiveTable(ctx, child));
  return blocks;
}

function objectiveTable(ctx: LayoutContext, objective: PlanItemNode): TableBlock {
  const childLevels = (ctx.level(objective.level)?.children ?? [])
    .map((key) => ctx.level(key))
    .filter((l): l is LevelDefinition => l !== undefined);
  const [steps, ...groups] = childLevels;
  const rows: Row[] = [
    {
      cells: [
        cell(levelHeading(ctx, objective), { bold: true, shaded: true }),
        cell(ctx.t(steps?.titleLabel), { bold: true, shaded: true }),
        cell(ctx.t(steps?.assigneeLabel) || ctx.word("responsibility"), { bold: true, shaded: true }),
        cell(ctx.t(steps?.timeframeLabel) || ctx.word("timeframe"), { bold: true, shaded: true }),
      ],
    },
  ];
  const stepNodes = objective.children.filter((c) => c.level === steps?.key);
  if (stepNodes.length === 0) rows.push({ cells: [cell(objective.title), cell(""), cell(""), cell("")] });
  stepNodes.forEach((step, i) => {
    rows.push({
      cells: [
        cell(i === 0 ? objective.title : ""),
        cell(numberedTitle(step)),
        cell(step.assignee.display),
        cell(step.timeframe ?? ctx.date(step.dueDate)),
      ],
    });
  });
  for (const group of groups) {
    const nodes = objective.children.filter((c) => c.level === group.key);
    nodes.forEach((node, i) => {
      rows.push({
        cells: [
          cell(i === 0 ? ctx.t(group.titleLabel) : "", { bold: true }),
          cell(numberedTitle(node)),
          cell(node.assignee.display),
          cell(resultOf(ctx, group, node)),
        ],
      });
    });
  }
  return { kind: "table", widths: [30, 40, 15, 15], rows, headerRows: 1 };
}

/** A deliverable's "status/result": its first filled field (e.g. result), else its status. */
function resultOf(ctx: LayoutContext, level: LevelDefinition, node: PlanItemNode): string {
  for (const field of level.fields) {
    const text = itemFieldText(ctx, node, field.key);
    if (text.trim()) return text;
  }
  return level.tracking.status ? ctx.status(node) : "";
}
