/**
 * County System Improvement Plan (seed 002): the SIP cover sheet, the narrative sections, one component
 * matrix per outcome or systemic factor (current performance, improvement goals, strategies with their
 * rationale, milestones with timeframe and assignee) and the closing sections.
 */
import type { PlanItemNode } from "../../features/plans/plans.presenter.ts";
import type { FieldDefinition } from "../../features/templates/template.schema.ts";
import {
  type Block,
  cell,
  fieldSectionBlocks,
  headerRows,
  itemFieldText,
  type LayoutContext,
  levelHeading,
  numberedTitle,
  type Row,
  type TableBlock,
} from "./blocks.ts";

/** Header fields the cover sheet places itself; any others follow it as a label/value table. */
const COVER_FIELDS = [
  "county",
  "responsible_agency",
  "period_of_outcomes_data",
  "date_submitted",
  "contact_name",
  "contact_title",
  "contact_address",
  "contact_phone_email",
  "cws_director_name",
  "chief_probation_officer_name",
];

/** Component fields shown in the matrix's first row rather than as rows of their own. */
const COMPONENT_TITLE_FIELDS = new Set(["measure_code", "probation"]);

export function sipBlocks(ctx: LayoutContext): Block[] {
  const { doc } = ctx;
  const blocks: Block[] = [
    { kind: "title", text: doc.title },
    { kind: "heading", level: 1, text: ctx.word("sip_cover_sheet") },
    coverSheet(ctx),
  ];
  const others = doc.template.header.filter((f) => !COVER_FIELDS.includes(f.key));
  if (others.length > 0) blocks.push({ kind: "table", widths: [40, 60], rows: headerRows(ctx, others) });
  for (const section of doc.template.sections) {
    if (section.kind === "fields") {
      blocks.push(...fieldSectionBlocks(ctx, section.key));
      continue;
    }
    const view = doc.sections.find((s) => s.key === section.key);
    blocks.push({ kind: "heading", level: 1, text: ctx.t(section.label) });
    for (const component of view?.items ?? []) blocks.push(componentMatrix(ctx, component));
  }
  return blocks;
}

function coverSheet(ctx: LayoutContext): TableBlock {
  const { doc } = ctx;
  const field = (key: string) => doc.template.header.find((f) => f.key === key);
  const value = (key: string) => {
    const f = field(key);
    return f ? ctx.fieldText(f, doc.header[key]) : "";
  };
  const pair = (label: string, text: string): Row => ({
    cells: [cell(`${label}:`, { bold: true }), cell(text)],
  });
  const labelledField = (key: string): Row[] => {
    const f = field(key);
    return f ? [pair(ctx.t(f.label), value(key))] : [];
  };
  const banner = (text: string): Row => ({ cells: [cell(text, { bold: true, shaded: true, colSpan: 2 })] });
  const period = [ctx.date(doc.periodStart), ctx.date(doc.periodEnd)].filter(Boolean).join(" – ");
  const rows: Row[] = [
    banner(`${ctx.word("cfsr")}\n${ctx.word("system_improvement_plan")}`),
    ...labelledField("county"),
    ...labelledField("responsible_agency"),
    pair(ctx.word("period_of_plan"), period),
    ...labelledField("period_of_outcomes_data"),
    ...labelledField("date_submitted"),
    banner(ctx.word("sip_contact")),
    pair(ctx.word("name"), value("contact_name")),
    pair(ctx.word("title"), value("contact_title")),
    pair(ctx.word("address"), value("contact_address")),
    pair(ctx.word("phone_email"), value("contact_phone_email")),
    banner(ctx.word("submitted_by_each")),
    pair(ctx.word("submitted_by"), ctx.word("cws_director")),
    pair(ctx.word("name"), value("cws_director_name")),
    pair(ctx.word("signature"), ""),
    pair(ctx.word("submitted_by"), ctx.word("chief_probation_officer")),
    pair(ctx.word("name"), value("chief_probation_officer_name")),
    pair(ctx.word("signature"), ""),
  ];
  return { kind: "table", widths: [40, 60], rows };
}

/** "C1.1 Reunification within 12 months (Probation)". */
function componentTitle(ctx: LayoutContext, component: PlanItemNode): string {
  const code = itemFieldText(ctx, component, "measure_code").trim();
  const probation = component.fields.probation === true ? ` (${ctx.word("probation")})` : "";
  return `${code ? `${code} ` : ""}${component.title}${probation}`;
}

function componentMatrix(ctx: LayoutContext, component: PlanItemNode): TableBlock {
  const level = ctx.level(component.level);
  const rows: Row[] = [
    {
      cells: [
        cell(`${ctx.t(level?.titleLabel)}:`, { bold: true, shaded: true }),
        cell(componentTitle(ctx, component), { bold: true, shaded: true, colSpan: 2 }),
      ],
    },
  ];
  for (const field of level?.fields ?? []) {
    if (COMPONENT_TITLE_FIELDS.has(field.key) || field.type === "boolean") continue;
    rows.push(fieldRow(ctx, component, field, ":"));
  }
  for (const child of component.children) rows.push(...nodeRows(ctx, child));
  return { kind: "table", widths: [50, 25, 25], rows };
}

function fieldRow(ctx: LayoutContext, node: PlanItemNode, field: FieldDefinition, suffix = ""): Row {
  return {
    cells: [
      cell(`${ctx.t(field.label)}${suffix}`, { bold: true }),
      cell(ctx.fieldText(field, node.fields[field.key]), { colSpan: 2 }),
    ],
  };
}

/** "Improvement Goal 1.0 | text", "Strategy 1.1 | text", its fields, then its milestone rows. */
function nodeRows(ctx: LayoutContext, node: PlanItemNode): Row[] {
  const level = ctx.level(node.level);
  const rows: Row[] = [
    { cells: [cell(levelHeading(ctx, node), { bold: true }), cell(node.title, { colSpan: 2 })] },
  ];
  for (const field of level?.fields ?? []) rows.push(fieldRow(ctx, node, field));
  for (const childKey of level?.children ?? []) {
    const childLevel = ctx.level(childKey);
    const children = node.children.filter((c) => c.level === childKey);
    if (!childLevel?.tracking.status) {
      for (const child of children) rows.push(...nodeRows(ctx, child));
      continue;
    }
    if (children.length === 0) continue;
    rows.push({
      cells: [
        cell(ctx.t(childLevel.titleLabel), { bold: true, shaded: true }),
        cell(ctx.t(childLevel.timeframeLabel) || ctx.word("timeframe"), { bold: true, shaded: true }),
        cell(ctx.t(childLevel.assigneeLabel) || ctx.word("responsibility"), { bold: true, shaded: true }),
      ],
    });
    for (const milestone of children) {
      rows.push({
        cells: [
          cell(numberedTitle(milestone)),
          cell(milestone.timeframe ?? ctx.date(milestone.dueDate)),
          cell(milestone.assignee.display),
        ],
      });
    }
  }
  return rows;
}
