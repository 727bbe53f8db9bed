/**
 * The neutral document model every plan document (DOCX, PDF) is rendered from, and the helpers the
 * per-template layouts share. A layout decides which headings, paragraphs and table cells a plan produces;
 * a renderer only decides how they look.
 */
import type { ItemStatus } from "../../db/schema/plans.ts";
import type { PlanDocument, PlanItemNode } from "../../features/plans/plans.presenter.ts";
import type { FieldDefinition, I18nText, LevelDefinition } from "../../features/templates/template.schema.ts";
import { dateTimeFormat } from "../../server/intl.ts";
import { type ExportLocale, type ExportWord, statusLabel, word } from "../labels.ts";

export interface TextRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
}
/** A check box as the seed documents have them (☒ / ☐); only ever the first inline of a paragraph. */
export interface CheckBox {
  checkbox: boolean;
}
export type Inline = TextRun | CheckBox;

export interface Cell {
  /** One entry per paragraph of the cell. */
  paragraphs: Inline[][];
  colSpan?: number;
  /** A caption cell: shaded and bold. */
  shaded?: boolean;
}

export interface Row {
  /** Cells left to right; a cell with colSpan n covers n grid columns. */
  cells: Cell[];
}

export interface TableBlock {
  kind: "table";
  /** Relative column widths; their count is the table's grid. */
  widths: number[];
  rows: Row[];
  /** Leading rows repeated on every page the table runs onto. */
  headerRows?: number;
}

export type Block =
  | { kind: "title"; text: string }
  | { kind: "heading"; level: 1 | 2 | 3; text: string }
  | { kind: "paragraph"; inlines: Inline[] }
  | TableBlock;

export interface PlanLayout {
  title: string;
  /** Document language (BCP 47). */
  language: string;
  blocks: Block[];
}

/** What a layout needs to turn a plan into blocks in one language. */
export class LayoutContext {
  constructor(
    readonly doc: PlanDocument,
    readonly locale: ExportLocale,
  ) {}

  t(text: I18nText | undefined): string {
    return text ? text[this.locale] : "";
  }

  word(key: ExportWord): string {
    return word(key, this.locale);
  }

  level(key: string): LevelDefinition | undefined {
    return this.doc.template.levels.find((l) => l.key === key);
  }

  status(node: PlanItemNode): string {
    return statusLabel((node.status ?? "not_started") as ItemStatus, this.locale);
  }

  /** "Nov 14, 2021" / "14 nov 2021"; empty when there is no date. */
  date(iso: string | null | undefined): string {
    return formatIsoDate(iso, this.locale, { month: "short", day: "numeric", year: "numeric" });
  }

  /** "Mar 2022" / "mar 2022", as the Linkages target dates. */
  month(iso: string | null | undefined): string {
    return formatIsoDate(iso, this.locale, { month: "short", year: "numeric" });
  }

  /** A field's value as one line of text, whatever its type. */
  fieldText(field: FieldDefinition, value: unknown): string {
    if (value === null || value === undefined || value === "") return "";
    switch (field.type) {
      case "date":
        return typeof value === "string" ? this.date(value) : "";
      case "month":
        return typeof value === "string" ? this.month(`${value.slice(0, 7)}-01`) : "";
      case "boolean":
        return value === true ? this.word("yes") : value === false ? this.word("no") : "";
      case "select": {
        const option = field.options?.find((o) => o.value === value);
        return option ? this.t(option.label) : String(value);
      }
      case "contacts":
        return contactsOf(value)
          .map((c) => [c.name, c.phone, c.email].filter(Boolean).join(", "))
          .join("; ");
      default:
        return typeof value === "string" || typeof value === "number" ? String(value) : "";
    }
  }
}

function formatIsoDate(
  iso: string | null | undefined,
  locale: ExportLocale,
  options: Intl.DateTimeFormatOptions,
): string {
  if (!iso || !/^\d{4}-\d{2}-\d{2}/.test(iso)) return iso ?? "";
  const date = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  return dateTimeFormat(locale === "es" ? "es" : "en-US", { ...options, timeZone: "UTC" }).format(date);
}

export interface Contact {
  name: string;
  phone: string;
  email: string;
}

/** The contacts field is an array of { name, phone, email }; anything else reads as no contacts. */
export function contactsOf(value: unknown): Contact[] {
  if (!Array.isArray(value)) return [];
  const text = (v: unknown) => (typeof v === "string" ? v.trim() : "");
  return value
    .filter((c): c is Record<string, unknown> => typeof c === "object" && c !== null)
    .map((c) => ({ name: text(c.name), phone: text(c.phone), email: text(c.email) }));
}

export function run(text: string, style: Omit<TextRun, "text"> = {}): TextRun {
  return { text, ...style };
}

/** A cell of plain text; line breaks in the text become paragraphs. */
export function cell(
  text: string,
  options: { bold?: boolean; colSpan?: number; shaded?: boolean } = {},
): Cell {
  const paragraphs = text.split(/\r?\n/).map((line) => [run(line, options.bold ? { bold: true } : {})]);
  return {
    paragraphs,
    ...(options.colSpan && options.colSpan > 1 ? { colSpan: options.colSpan } : {}),
    ...(options.shaded ? { shaded: true } : {}),
  };
}

/** A bold caption cell with an optional italic hint after it, as the seed forms have them. */
export function captionCell(text: string, hint?: string, options: { shaded?: boolean } = {}): Cell {
  const inlines: Inline[] = [run(text, { bold: true })];
  if (hint) inlines.push(run(` ${hint}`, { italic: true }));
  return { paragraphs: [inlines], ...(options.shaded ? { shaded: true } : {}) };
}

export function paragraph(text: string): Block[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "")
    .map((line) => ({ kind: "paragraph", inlines: [run(line)] }));
}

/** "Goal: …", "Charge: …": a bold label and its text in one paragraph. */
export function labelled(label: string, text: string): Block {
  return { kind: "paragraph", inlines: [run(`${label}: `, { bold: true }), run(text)] };
}

/** "1. Engage with …" for arabic numbers, "1.1.1 Hold …" for path numbers, the bare title when unnumbered. */
export function numberedTitle(node: PlanItemNode): string {
  if (!node.number) return node.title;
  return node.number.includes(".") ? `${node.number} ${node.title}` : `${node.number}. ${node.title}`;
}

/** "Objective I", "Improvement Goal 1.0", "Strategy 1.1"; the level's name when unnumbered. */
export function levelHeading(ctx: LayoutContext, node: PlanItemNode): string {
  const level = ctx.level(node.level);
  const prefix = ctx.t(level?.numbering.prefix ?? level?.label) || node.level;
  return node.number ? `${prefix} ${node.number}` : prefix;
}

/** The header field values as label/value rows; a contacts field gives name, phone and email rows. */
export function headerRows(ctx: LayoutContext, fields: FieldDefinition[]): Row[] {
  const rows: Row[] = [];
  for (const field of fields) {
    const value = ctx.doc.header[field.key];
    if (field.type === "contacts") {
      const contacts = contactsOf(value);
      const joined = (pick: (c: Contact) => string) => contacts.map(pick).filter(Boolean).join(" / ");
      rows.push({ cells: [cell(`${ctx.t(field.label)}:`, { bold: true }), cell(joined((c) => c.name))] });
      rows.push({ cells: [cell(`${ctx.word("phone")}:`, { bold: true }), cell(joined((c) => c.phone))] });
      rows.push({ cells: [cell(`${ctx.word("email")}:`, { bold: true }), cell(joined((c) => c.email))] });
    } else {
      rows.push({
        cells: [cell(`${ctx.t(field.label)}:`, { bold: true }), cell(ctx.fieldText(field, value))],
      });
    }
  }
  return rows;
}

/** A fields section (SIP narrative, closing): its heading, then each filled field as a sub-heading and text. */
export function fieldSectionBlocks(ctx: LayoutContext, sectionKey: string): Block[] {
  const section = ctx.doc.template.sections.find((s) => s.key === sectionKey);
  const values = ctx.doc.sections.find((s) => s.key === sectionKey)?.values ?? {};
  if (!section) return [];
  const blocks: Block[] = [{ kind: "heading", level: 1, text: ctx.t(section.label) }];
  for (const field of section.fields ?? []) {
    const text = ctx.fieldText(field, values[field.key]);
    if (!text.trim()) continue;
    blocks.push({ kind: "heading", level: 2, text: ctx.t(field.label) }, ...paragraph(text));
  }
  return blocks;
}

/** The text of an item's own field, or "" (for fields such as a deliverable's result). */
export function itemFieldText(ctx: LayoutContext, node: PlanItemNode, key: string): string {
  const field = ctx.level(node.level)?.fields.find((f) => f.key === key);
  return field ? ctx.fieldText(field, node.fields[key]) : "";
}
