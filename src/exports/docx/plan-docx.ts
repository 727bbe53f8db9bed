/** A plan as a Word document, drawn from the shared document model (see plan-layout.ts). */
import {
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import type { PlanDocument } from "../../features/plans/plans.presenter.ts";
import type { ExportLocale } from "../labels.ts";
import { type Block, type Cell, type Inline, planLayout, type TableBlock } from "../plan-layout.ts";

/** US Letter, portrait, 1-inch margins: 6.5 inches of text width, in twentieths of a point. */
const TEXT_WIDTH_TWIPS = 9360;
const CAPTION_FILL = "D9E2F3";
const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 };

export async function renderPlanDocx(doc: PlanDocument, locale: ExportLocale): Promise<Buffer> {
  const layout = planLayout(doc, locale);
  const children: (Paragraph | Table)[] = [];
  for (const block of layout.blocks) {
    children.push(...renderBlock(block));
  }
  const document = new Document({
    creator: "Trellis",
    title: layout.title,
    description: doc.template.name[locale],
    styles: {
      default: {
        document: { run: { font: "Calibri", size: 21, language: { value: layout.language } } },
        title: { run: { size: 36, bold: true }, paragraph: { spacing: { after: 240 } } },
        heading1: {
          run: { size: 28, bold: true, color: "1F3864" },
          paragraph: { spacing: { before: 240, after: 120 } },
        },
        heading2: {
          run: { size: 24, bold: true, color: "1F3864" },
          paragraph: { spacing: { before: 200, after: 80 } },
        },
        heading3: { run: { size: 22, bold: true }, paragraph: { spacing: { before: 160, after: 80 } } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: 12240, height: 15840 },
            margin: { top: 1440, right: 1440, bottom: 1440, left: 1440 },
          },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}

function renderBlock(block: Block): (Paragraph | Table)[] {
  switch (block.kind) {
    case "title":
      return [new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(block.text)] })];
    case "heading":
      return [new Paragraph({ heading: HEADINGS[block.level], children: [new TextRun(block.text)] })];
    case "paragraph":
      return [new Paragraph({ spacing: { after: 120 }, children: block.inlines.flatMap(renderInline) })];
    case "table":
      // Word joins two tables that touch; the empty paragraph keeps each table apart, as in the seeds.
      return [renderTable(block), new Paragraph({ children: [] })];
  }
}

/** A run per line: Word ignores "\n" in text, so later lines start with a line break. */
function renderInline(inline: Inline): TextRun[] {
  if ("checkbox" in inline) {
    return [new TextRun({ text: inline.checkbox ? "☒" : "☐", font: "Segoe UI Symbol" })];
  }
  const style = { bold: inline.bold ?? false, italics: inline.italic ?? false };
  return inline.text
    .split(/\r?\n/)
    .map((line, i) => new TextRun({ text: line, ...style, ...(i > 0 ? { break: 1 } : {}) }));
}

function renderTable(block: TableBlock): Table {
  const total = block.widths.reduce((sum, w) => sum + w, 0) || 1;
  const columnWidths = block.widths.map((w) => Math.round((w / total) * TEXT_WIDTH_TWIPS));
  return new Table({
    width: { size: TEXT_WIDTH_TWIPS, type: WidthType.DXA },
    columnWidths,
    layout: TableLayoutType.FIXED,
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
    rows: block.rows.map((row, index) => {
      let column = 0;
      return new TableRow({
        tableHeader: index < (block.headerRows ?? 0),
        children: row.cells.map((c) => {
          const span = c.colSpan ?? 1;
          const width = columnWidths.slice(column, column + span).reduce((sum, w) => sum + w, 0);
          column += span;
          return renderCell(c, width);
        }),
      });
    }),
  });
}

function renderCell(c: Cell, width: number): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    ...(c.colSpan && c.colSpan > 1 ? { columnSpan: c.colSpan } : {}),
    ...(c.shaded ? { shading: { type: ShadingType.CLEAR, color: "auto", fill: CAPTION_FILL } } : {}),
    children: c.paragraphs.map((inlines) => new Paragraph({ children: inlines.flatMap(renderInline) })),
  });
}
