/**
 * Read exported documents back for the tests: a DOCX's paragraphs and tables (rows of cell texts) from
 * word/document.xml, and a PDF's text runs in drawing order with pdf.js.
 */
import JSZip from "jszip";

export interface DocxContent {
  /** Every paragraph outside tables, in order. */
  paragraphs: string[];
  /** Every table as rows of cell texts; a cell's paragraphs are joined by "\n". */
  tables: string[][][];
  /** Paragraphs and tables in document order, tables flattened to their cell texts. */
  sequence: string[];
  xml: string;
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");

function paragraphText(xml: string): string {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)]
    .map((m) => (m[0] === "<w:br/>" ? "\n" : decode(m[1] ?? "")))
    .join("");
}

function cellText(xml: string): string {
  return [...xml.matchAll(/<w:p[\s>][\s\S]*?<\/w:p>/g)].map((m) => paragraphText(m[0])).join("\n");
}

export async function readDocx(buffer: Buffer): Promise<DocxContent> {
  const zip = await JSZip.loadAsync(buffer);
  const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
  const body = xml.slice(xml.indexOf("<w:body>"));
  const paragraphs: string[] = [];
  const tables: string[][][] = [];
  const sequence: string[] = [];
  // The exports never nest tables, so a table ends at the first </w:tbl>.
  for (const m of body.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>|<w:p[\s>][\s\S]*?<\/w:p>|<w:p\/>/g)) {
    const part = m[0];
    if (part.startsWith("<w:tbl>")) {
      const rows = [...part.matchAll(/<w:tr[\s>][\s\S]*?<\/w:tr>/g)].map((r) =>
        [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => cellText(c[0])),
      );
      tables.push(rows);
      sequence.push(...rows.flat());
    } else {
      const text = paragraphText(part);
      paragraphs.push(text);
      if (text) sequence.push(text);
    }
  }
  return { paragraphs, tables, sequence, xml };
}

/** The table whose first cell of some row equals `text` (trimmed, case-insensitive). */
export function tableWith(tables: string[][][], text: string | RegExp): string[][] {
  const found = tables.find((rows) => rows.some((row) => row.some((c) => matches(c, text))));
  if (!found) throw new Error(`no table has a cell ${String(text)}`);
  return found;
}

/** The row of a table that comes right after the row holding `text`. */
export function rowAfter(rows: string[][], text: string | RegExp): string[] {
  const index = rows.findIndex((row) => row.some((c) => matches(c, text)));
  const next = rows[index + 1];
  if (index < 0 || !next) throw new Error(`no row after ${String(text)}`);
  return next;
}

function matches(cell: string, text: string | RegExp): boolean {
  return typeof text === "string" ? cell.trim().toLowerCase() === text.toLowerCase() : text.test(cell);
}

/** The PDF's text: one string per page, runs joined by spaces (pdf.js splits lines into runs). */
export async function readPdfText(buffer: Buffer): Promise<string[]> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const pdf = await pdfjs.getDocument({ data: new Uint8Array(buffer), useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const content = await page.getTextContent();
    pages.push(
      content.items
        .map((item) => ("str" in item ? item.str : ""))
        .join(" ")
        .replace(/\s+/g, " "),
    );
  }
  await pdf.destroy();
  return pages;
}

/**
 * The first of `texts` that does not occur in `haystack` after the previous one, or null when all do, in
 * order. Whitespace is ignored: pdf.js splits lines into runs wherever the font or position changes.
 */
export function missingInOrder(haystack: string, texts: string[]): string | null {
  const squeeze = (s: string) => s.replace(/\s+/g, "");
  const text = squeeze(haystack);
  let from = 0;
  for (const wanted of texts) {
    const at = text.indexOf(squeeze(wanted), from);
    if (at < 0) return wanted;
    from = at + squeeze(wanted).length;
  }
  return null;
}
