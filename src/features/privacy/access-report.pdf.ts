/** The access report as a PDF the family can be given, in English or Spanish. */
import type { Content, TableCell } from "pdfmake/interfaces";
import type { AccessBasis, AccessReport, AccessReportEntry } from "./access-report.ts";
import type { Bilingual } from "./consent-form.labels.ts";
import {
  dataTable,
  dateTime,
  factsTable,
  type PdfOptions,
  renderPrivacyPdf,
} from "./privacy-documents.pdf.ts";

const WORDS = {
  title: { en: "Who has seen your family's record", es: "Quién ha visto el expediente de su familia" },
  explanation: {
    en: "Trellis keeps a record of every time someone opens, prints or changes your family's information, and of every attempt that was refused. This report lists them, newest first. Staff of the organization that serves your family see your record to help you. Another organization sees it only with your consent, or in an emergency (break-glass access), which a privacy officer reviews. If something here looks wrong, ask your case manager or the organization's privacy officer.",
    es: "Trellis guarda un registro de cada vez que alguien abre, imprime o cambia la información de su familia, y de cada intento que fue rechazado. Este informe los enumera, del más reciente al más antiguo. El personal de la organización que atiende a su familia ve su expediente para ayudarles. Otra organización lo ve solo con su consentimiento, o en una emergencia (acceso de emergencia), que revisa un encargado de privacidad. Si algo aquí no le parece correcto, pregunte a su coordinador(a) del caso o al encargado de privacidad de la organización.",
  },
  family: { en: "Family", es: "Familia" },
  organization: { en: "Organization serving the family", es: "Organización que atiende a la familia" },
  generated: { en: "Report prepared", es: "Informe preparado" },
  when: { en: "When", es: "Cuándo" },
  who: { en: "Who", es: "Quién" },
  org: { en: "Organization", es: "Organización" },
  what: { en: "What", es: "Qué" },
  basis: { en: "On what basis", es: "Con qué base" },
  outcome: { en: "Result", es: "Resultado" },
  change: { en: "Change to the record", es: "Cambio al expediente" },
  none: {
    en: "No one has opened your family's record yet.",
    es: "Nadie ha abierto todavía el expediente de su familia.",
  },
  unknown: { en: "Unknown", es: "Desconocido" },
} as const satisfies Record<string, Bilingual>;

const BASIS: Record<AccessBasis, Bilingual> = {
  own_organization: { en: "Serves your family", es: "Atiende a su familia" },
  consent: { en: "Your consent", es: "Su consentimiento" },
  break_glass: { en: "Emergency access", es: "Acceso de emergencia" },
};

const OUTCOME: Record<AccessReportEntry["outcome"], Bilingual> = {
  success: { en: "Allowed", es: "Permitido" },
  denied: { en: "Refused", es: "Rechazado" },
  failure: { en: "Failed", es: "Falló" },
};

/** The table of entries, shared with the record export's access log section. */
export function accessLogContent(entries: AccessReportEntry[], options: PdfOptions): Content {
  const { locale } = options;
  const w = (key: keyof typeof WORDS) => WORDS[key][locale];
  if (entries.length === 0) return { text: w("none"), style: "note" };
  const rows: TableCell[][] = entries.map((e) => [
    dateTime(e.occurredAt, options),
    e.who ?? w("unknown"),
    e.organizationName ?? w("unknown"),
    e.kind === "change"
      ? { stack: [e.what, { text: w("change"), italics: true, fontSize: 8 }] }
      : { text: e.what, bold: e.kind === "break_glass" },
    e.basis ? BASIS[e.basis][locale] : "—",
    e.outcome === "denied" ? { text: OUTCOME.denied[locale], bold: true } : OUTCOME[e.outcome][locale],
  ]);
  return dataTable([w("when"), w("who"), w("org"), w("what"), w("basis"), w("outcome")], rows, [
    72,
    80,
    90,
    "*",
    70,
    50,
  ]);
}

export function renderAccessReportPdf(report: AccessReport, timeZone: string): Promise<Buffer> {
  const options: PdfOptions = { locale: report.locale, timeZone };
  const w = (key: keyof typeof WORDS) => WORDS[key][report.locale];
  return renderPrivacyPdf({
    title: w("title"),
    subject: report.familyName,
    locale: report.locale,
    content: [
      { text: w("title"), style: "title" },
      factsTable([
        [w("family"), report.familyName],
        [w("organization"), report.organizationName],
        [w("generated"), dateTime(report.generatedAt, options)],
      ]),
      { text: w("explanation"), style: "note" },
      accessLogContent(report.entries, options),
    ],
  });
}
