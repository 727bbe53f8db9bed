/**
 * The family's service plan as a PDF to hand to the family, in English or Spanish, drawn with pdfmake and
 * the Roboto fonts it ships (the shared setup of src/exports/pdf/pdfmake.ts: local font files only, no URLs).
 */
import type { Content, TDocumentDefinitions } from "pdfmake/interfaces";
import type { ExportLocale } from "../../exports/labels.ts";
import { pdfmake } from "../../exports/pdf/pdfmake.ts";
import { dateTimeFormat } from "../../server/intl.ts";
import { findInstrument, STRENGTHS_AND_NEEDS_V1 } from "./families.instruments.ts";
import type { FamilyDocument } from "./families.presenter.ts";

const WORDS = {
  title: { en: "Our family service plan", es: "Plan de servicios de nuestra familia" },
  family: { en: "Family", es: "Familia" },
  caseManager: { en: "Case manager", es: "Coordinador(a) del caso" },
  organization: { en: "Organization", es: "Organización" },
  phone: { en: "Phone", es: "Teléfono" },
  revision: { en: "Plan revision", es: "Versión del plan" },
  date: { en: "Date", es: "Fecha" },
  status: { en: "Status", es: "Estado" },
  active: { en: "In effect", es: "Vigente" },
  pending_approval: { en: "Waiting for supervisor approval", es: "En espera de aprobación del supervisor" },
  superseded: { en: "Replaced by a newer plan", es: "Reemplazado por un plan más reciente" },
  goals: { en: "Our goals, in our own words", es: "Nuestras metas, en nuestras propias palabras" },
  goal: { en: "Goal", es: "Meta" },
  area: { en: "Area", es: "Área" },
  what: { en: "What we will do", es: "Lo que haremos" },
  who: { en: "Who", es: "Quién" },
  when: { en: "When", es: "Cuándo" },
  services: { en: "Services we need", es: "Servicios que necesitamos" },
  none: { en: "None listed", es: "Ninguno" },
  movingOn: {
    en: "Moving on from case management",
    es: "Cómo dejaremos el apoyo de coordinación del caso",
  },
  movingWhen: { en: "When we expect to move on", es: "Cuándo esperamos terminar" },
  movingHow: { en: "How we will move on", es: "Cómo lo haremos" },
  movingNeeds: {
    en: "What we will need to keep going on our own",
    es: "Lo que necesitaremos para seguir por nuestra cuenta",
  },
  signatures: { en: "Signatures", es: "Firmas" },
  familySignature: { en: "Family member", es: "Miembro de la familia" },
  managerSignature: { en: "Case manager", es: "Coordinador(a) del caso" },
  noPlan: { en: "There is no service plan yet.", es: "Todavía no hay un plan de servicios." },
} as const;

export async function renderServicePlanPdf(
  family: FamilyDocument,
  locale: ExportLocale,
  today: string,
): Promise<Buffer> {
  const w = (key: keyof typeof WORDS) => WORDS[key][locale];
  const plan = family.servicePlan;
  const instrument = findInstrument("strengths-and-needs") ?? STRENGTHS_AND_NEEDS_V1;
  const domainLabel = (key: string | undefined) =>
    key ? (instrument.domains.find((d) => d.key === key)?.label[locale] ?? key) : null;
  const date = (iso: string) =>
    dateTimeFormat(locale === "es" ? "es-US" : "en-US", {
      dateStyle: "long",
      timeZone: "UTC",
    }).format(new Date(`${iso.slice(0, 10)}T00:00:00Z`));
  const facts: [string, string][] = [
    [w("family"), family.displayName],
    [w("organization"), family.organizationName],
    [w("caseManager"), family.caseManagerName ?? "—"],
    [w("date"), date(today)],
  ];
  if (plan) {
    facts.push([w("revision"), String(plan.revision)]);
    facts.push([w("status"), w(plan.status as "active")]);
  }
  const content: Content[] = [
    { text: w("title"), style: "title" },
    {
      table: { widths: [140, "*"], body: facts.map(([k, v]) => [{ text: k, bold: true }, v]) },
      layout: "noBorders",
      margin: [0, 0, 0, 12],
    },
  ];
  if (!plan) {
    content.push({ text: w("noPlan") });
  } else {
    content.push({ text: w("goals"), style: "h1" });
    plan.goals.forEach((g, i) => {
      const area = domainLabel(g.domain);
      content.push({ text: `${w("goal")} ${i + 1}: ${g.goal}`, style: "h2" });
      if (area) content.push({ text: `${w("area")}: ${area}`, italics: true, margin: [0, 0, 0, 4] });
      if (g.steps.length > 0) {
        content.push({
          table: {
            headerRows: 1,
            widths: ["*", 120, 100],
            body: [
              [w("what"), w("who"), w("when")].map((text) => ({ text, bold: true, fillColor: "#D9E2F3" })),
              ...g.steps.map((s) => [s.action, s.who, s.when]),
            ],
          },
          margin: [0, 0, 0, 6],
        });
      }
      content.push({ text: w("services"), bold: true });
      content.push(
        g.servicesNeeded.length > 0
          ? { ul: g.servicesNeeded, margin: [0, 0, 0, 8] }
          : { text: w("none"), margin: [0, 0, 0, 8] },
      );
    });
    content.push({ text: w("movingOn"), style: "h1" });
    for (const [label, text] of [
      [w("movingWhen"), plan.disengagement.when],
      [w("movingHow"), plan.disengagement.how],
      [w("movingNeeds"), plan.disengagement.needs],
    ] as const) {
      content.push({ text: label, bold: true }, { text, margin: [0, 0, 0, 6] });
    }
  }
  content.push({ text: w("signatures"), style: "h1" });
  content.push({
    columns: [
      { stack: [{ text: "\n\n______________________________" }, w("familySignature")] },
      { stack: [{ text: "\n\n______________________________" }, w("managerSignature")] },
    ],
  });
  const definition: TDocumentDefinitions = {
    info: { title: `${w("title")} — ${family.displayName}`, creator: "Trellis", producer: "Trellis" },
    language: locale === "es" ? "es-US" : "en-US",
    pageSize: "LETTER",
    pageMargins: 40,
    defaultStyle: { font: "Roboto", fontSize: 11, lineHeight: 1.2 },
    styles: {
      title: { fontSize: 18, bold: true, margin: [0, 0, 0, 12] },
      h1: { fontSize: 14, bold: true, margin: [0, 12, 0, 6] },
      h2: { fontSize: 12, bold: true, margin: [0, 8, 0, 4] },
    },
    content,
  };
  return pdfmake.createPdf(definition).getBuffer();
}
