/**
 * The shared look of the privacy documents a family is handed (access report, record export, consents):
 * US Letter, Roboto, a page footer, fact tables, data tables with a shaded header, drawn check boxes and
 * signature lines. Dates are written out in the document's language.
 */
import type { Content, TableCell, TDocumentDefinitions } from "pdfmake/interfaces";
import { renderPdf } from "../../exports/pdf/pdfmake.ts";
import { dateTimeFormat } from "../../server/intl.ts";
import type { PrivacyLocale } from "./consent-form.labels.ts";

export interface PdfOptions {
  locale: PrivacyLocale;
  /** The deployment's time zone, for times of day. */
  timeZone: string;
}

const HEADER_FILL = "#D9E2F3";
const BOX_SIZE = 8;

const intlLocale = (locale: PrivacyLocale) => (locale === "es" ? "es-US" : "en-US");

/** An ISO date (or the date part of a timestamp) written out: "March 4, 2026" / "4 de marzo de 2026". */
export function longDate(iso: string | null, locale: PrivacyLocale): string {
  if (!iso) return "—";
  return dateTimeFormat(intlLocale(locale), { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(`${iso.slice(0, 10)}T00:00:00Z`),
  );
}

/** A moment in the deployment's time zone, with the day and the time. */
export function dateTime(value: string | Date | null, options: PdfOptions): string {
  if (!value) return "—";
  return dateTimeFormat(intlLocale(options.locale), {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
    timeZone: options.timeZone,
  }).format(typeof value === "string" ? new Date(value) : value);
}

export const orDash = (value: string | number | null | undefined): string =>
  value === null || value === undefined || value === "" ? "—" : String(value);

/** Label and value pairs without borders, as under a title. */
export function factsTable(facts: [string, string][]): Content {
  return {
    table: { widths: [150, "*"], body: facts.map(([k, v]) => [{ text: k, bold: true }, v]) },
    layout: "noBorders",
    margin: [0, 0, 0, 10],
  };
}

/** A table with a shaded header row repeated on every page. */
export function dataTable(headers: string[], rows: TableCell[][], widths: (number | string)[]): Content {
  return {
    table: {
      headerRows: 1,
      keepWithHeaderRows: 1,
      // A row is never split across pages: a family reads each line whole.
      dontBreakRows: true,
      widths,
      body: [headers.map((text) => ({ text, bold: true, fillColor: HEADER_FILL })), ...rows],
    },
    fontSize: 9,
    margin: [0, 0, 0, 10],
  };
}

/** Roboto has no ballot-box glyphs, so the box is drawn; checked boxes get a cross. */
export function checkBox(checked = false): Content {
  const box = { type: "rect" as const, x: 0, y: 2, w: BOX_SIZE, h: BOX_SIZE, lineWidth: 0.8 };
  const cross = [
    { type: "line" as const, x1: 1.5, y1: 3.5, x2: BOX_SIZE - 1.5, y2: BOX_SIZE + 0.5, lineWidth: 0.8 },
    { type: "line" as const, x1: BOX_SIZE - 1.5, y1: 3.5, x2: 1.5, y2: BOX_SIZE + 0.5, lineWidth: 0.8 },
  ];
  return { canvas: checked ? [box, ...cross] : [box] };
}

/** A check box followed by a label and, below it, a smaller description. */
export function checkItem(checked: boolean, label: string, description?: string): Content {
  return {
    columns: [
      { width: BOX_SIZE + 4, stack: [checkBox(checked)] },
      {
        width: "*",
        stack: [
          { text: label, bold: true },
          ...(description ? [{ text: description, fontSize: 9, color: "#333333" }] : []),
        ],
      },
    ],
    columnGap: 4,
    margin: [0, 0, 0, 4],
  };
}

/** A line to write on, with its caption under it. */
export function writeLine(caption: string, width = 230): Content {
  return {
    stack: [
      { canvas: [{ type: "line", x1: 0, y1: 22, x2: width, y2: 22, lineWidth: 0.8 }] },
      { text: caption, fontSize: 9, margin: [0, 2, 0, 8] },
    ],
  };
}

export function bullets(items: string[], none: string): Content {
  return items.length > 0 ? { ul: items, margin: [0, 0, 0, 6] } : { text: none, margin: [0, 0, 0, 6] };
}

export function renderPrivacyPdf(opts: {
  title: string;
  subject: string;
  locale: PrivacyLocale;
  content: Content[];
}): Promise<Buffer> {
  const page = opts.locale === "es" ? "Página" : "Page";
  const of = opts.locale === "es" ? "de" : "of";
  const definition: TDocumentDefinitions = {
    info: { title: opts.title, subject: opts.subject, creator: "Trellis", producer: "Trellis" },
    language: intlLocale(opts.locale),
    pageSize: "LETTER",
    pageMargins: [40, 40, 40, 50],
    defaultStyle: { font: "Roboto", fontSize: 10, lineHeight: 1.15 },
    styles: {
      title: { fontSize: 18, bold: true, margin: [0, 0, 0, 10] },
      h1: { fontSize: 14, bold: true, margin: [0, 12, 0, 6] },
      h2: { fontSize: 11, bold: true, margin: [0, 8, 0, 4] },
      note: { fontSize: 10, margin: [0, 0, 0, 8] },
    },
    footer: (currentPage, pageCount) => ({
      text: `${opts.title} — ${page} ${currentPage} ${of} ${pageCount}`,
      fontSize: 8,
      color: "#555555",
      margin: [40, 20, 40, 0],
    }),
    content: opts.content,
  };
  return renderPdf(definition);
}
