/**
 * A plan as a PDF, drawn with pdfmake from the shared document model (see plan-layout.ts). Fonts are the
 * Roboto files pdfmake ships; the printer may read those files and nothing else, and fetches no URL.
 */
import { createRequire } from "node:module";
import path from "node:path";
import type {
  Content,
  ContentColumns,
  ContentText,
  TableCell,
  TDocumentDefinitions,
} from "pdfmake/interfaces";
import type { PlanDocument } from "../../features/plans/plans.presenter.ts";
import type { ExportLocale } from "../labels.ts";
import { type Block, type Cell, type Inline, planLayout, type TableBlock } from "../plan-layout.ts";

const require = createRequire(import.meta.url);
// pdfmake's Node entry is CommonJS and exports one printer object (no ESM named exports).
const pdfmake = require("pdfmake") as typeof import("pdfmake");
const robotoDir = path.join(path.dirname(require.resolve("pdfmake/package.json")), "fonts", "Roboto");
const ROBOTO = {
  normal: path.join(robotoDir, "Roboto-Regular.ttf"),
  bold: path.join(robotoDir, "Roboto-Medium.ttf"),
  italics: path.join(robotoDir, "Roboto-Italic.ttf"),
  bolditalics: path.join(robotoDir, "Roboto-MediumItalic.ttf"),
};
const FONT_FILES = new Set(Object.values(ROBOTO));
pdfmake.setFonts({ Roboto: ROBOTO });
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((file) => FONT_FILES.has(path.resolve(file)));

/** US Letter is 612 points wide; 40-point margins. */
const PAGE_MARGIN = 40;
const TEXT_WIDTH = 612 - 2 * PAGE_MARGIN;
/** pdfmake's default table layout: 4 points of padding each side of a cell, 1-point rules. */
const CELL_PADDING = 8;
const CAPTION_FILL = "#D9E2F3";
const BOX_SIZE = 8;

export async function renderPlanPdf(doc: PlanDocument, locale: ExportLocale): Promise<Buffer> {
  const layout = planLayout(doc, locale);
  const definition: TDocumentDefinitions = {
    info: {
      title: layout.title,
      creator: "Trellis",
      producer: "Trellis",
      subject: doc.template.name[locale],
    },
    language: layout.language,
    pageSize: "LETTER",
    pageMargins: PAGE_MARGIN,
    defaultStyle: { font: "Roboto", fontSize: 10, lineHeight: 1.15 },
    styles: {
      title: { fontSize: 18, bold: true, margin: [0, 0, 0, 12] },
      h1: { fontSize: 14, bold: true, margin: [0, 12, 0, 6] },
      h2: { fontSize: 12, bold: true, margin: [0, 10, 0, 4] },
      h3: { fontSize: 11, bold: true, margin: [0, 8, 0, 4] },
    },
    content: layout.blocks.map(renderBlock),
  };
  return pdfmake.createPdf(definition).getBuffer();
}

function renderBlock(block: Block): Content {
  switch (block.kind) {
    case "title":
      return { text: block.text, style: "title" };
    case "heading":
      return { text: block.text, style: `h${block.level}` };
    case "paragraph":
      return { ...renderParagraph(block.inlines), margin: [0, 0, 0, 6] };
    case "table":
      return renderTable(block);
  }
}

function renderParagraph(inlines: Inline[]): ContentText | ContentColumns {
  const [first, ...rest] = inlines;
  const texts = (list: Inline[]) =>
    list.flatMap((i) =>
      "checkbox" in i ? [] : [{ text: i.text, bold: i.bold ?? false, italics: i.italic ?? false }],
    );
  if (first && "checkbox" in first) {
    // Roboto has no ballot-box glyphs, so the box is drawn.
    return {
      columns: [{ width: BOX_SIZE + 2, stack: [checkBox(first.checkbox)] }, { text: texts(rest) }],
      columnGap: 2,
    };
  }
  return { text: texts(inlines) };
}

function checkBox(checked: boolean): Content {
  const box = { type: "rect" as const, x: 0, y: 2, w: BOX_SIZE, h: BOX_SIZE, lineWidth: 0.8 };
  const cross = [
    { type: "line" as const, x1: 1.5, y1: 3.5, x2: BOX_SIZE - 1.5, y2: BOX_SIZE + 0.5, lineWidth: 0.8 },
    { type: "line" as const, x1: BOX_SIZE - 1.5, y1: 3.5, x2: 1.5, y2: BOX_SIZE + 0.5, lineWidth: 0.8 },
  ];
  return { canvas: checked ? [box, ...cross] : [box] };
}

function renderTable(block: TableBlock): Content {
  const columns = block.widths.length;
  const total = block.widths.reduce((sum, w) => sum + w, 0) || 1;
  const usable = TEXT_WIDTH - columns * CELL_PADDING - (columns + 1);
  const widths = block.widths.map((w) => Math.floor((w / total) * usable));
  const body: TableCell[][] = block.rows.map((row) => {
    const cells: TableCell[] = [];
    for (const c of row.cells) {
      cells.push(renderCell(c));
      // pdfmake wants a placeholder for every grid column a spanning cell covers.
      for (let i = 1; i < (c.colSpan ?? 1); i++) cells.push({ text: "" });
    }
    while (cells.length < columns) cells.push({ text: "" });
    return cells;
  });
  return {
    table: { widths, body, headerRows: block.headerRows ?? 0 },
    margin: [0, 0, 0, 12],
  };
}

function renderCell(c: Cell): TableCell {
  return {
    stack: c.paragraphs.map(renderParagraph),
    ...(c.colSpan && c.colSpan > 1 ? { colSpan: c.colSpan } : {}),
    ...(c.shaded ? { fillColor: CAPTION_FILL } : {}),
  };
}
