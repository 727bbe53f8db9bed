/** The family's whole record as a PDF (right of access), section by section, in English or Spanish. */
import type { Content } from "pdfmake/interfaces";
import { accessLogContent } from "./access-report.pdf.ts";
import { type Bilingual, CATEGORY_LABELS, METHOD_LABELS, PURPOSE_LABELS } from "./consent-form.labels.ts";
import type { FamilyRecord } from "./family-record.schema.ts";
import {
  bullets,
  dataTable,
  dateTime,
  factsTable,
  longDate,
  orDash,
  type PdfOptions,
  renderPrivacyPdf,
} from "./privacy-documents.pdf.ts";

const WORDS = {
  title: { en: "Everything Trellis holds on your family", es: "Todo lo que Trellis guarda sobre su familia" },
  intro: {
    en: "You have the right to see the information kept about your family. This document is a complete copy of your family's record in Trellis, as it was when this copy was prepared. Ask your case manager if you have questions or think something is wrong.",
    es: "Ustedes tienen derecho a ver la información que se guarda sobre su familia. Este documento es una copia completa del expediente de su familia en Trellis, tal como estaba cuando se preparó esta copia. Pregunte a su coordinador(a) del caso si tiene preguntas o cree que algo está mal.",
  },
  generated: { en: "Prepared", es: "Preparado" },
  none: { en: "None recorded", es: "Nada registrado" },
  details: { en: "Family details", es: "Datos de la familia" },
  family: { en: "Family", es: "Familia" },
  organization: { en: "Organization serving the family", es: "Organización que atiende a la familia" },
  language: { en: "Preferred language", es: "Idioma preferido" },
  phone: { en: "Phone", es: "Teléfono" },
  email: { en: "E-mail", es: "Correo electrónico" },
  address: { en: "Address", es: "Dirección" },
  referralSource: { en: "Referred by", es: "Referido por" },
  referralDate: { en: "Referral date", es: "Fecha de referencia" },
  program: { en: "Program", es: "Programa" },
  enrollmentDate: { en: "Enrolled on", es: "Fecha de inscripción" },
  caseManager: { en: "Case manager", es: "Coordinador(a) del caso" },
  status: { en: "Status", es: "Estado" },
  intensity: { en: "Level of support", es: "Nivel de apoyo" },
  intensityReason: { en: "Why", es: "Por qué" },
  createdAt: { en: "Record opened", es: "Expediente abierto" },
  members: { en: "Household members", es: "Miembros del hogar" },
  name: { en: "Name", es: "Nombre" },
  dateOfBirth: { en: "Date of birth", es: "Fecha de nacimiento" },
  relationship: { en: "Relationship", es: "Parentesco" },
  assessments: { en: "Assessments", es: "Evaluaciones" },
  date: { en: "Date", es: "Fecha" },
  instrument: { en: "Instrument", es: "Instrumento" },
  scores: { en: "Scores", es: "Puntajes" },
  total: { en: "Total", es: "Total" },
  crisis: { en: "Crisis screen", es: "Revisión de crisis" },
  notes: { en: "Notes", es: "Notas" },
  by: { en: "By", es: "Por" },
  plans: { en: "Service plans (every revision)", es: "Planes de servicios (todas las versiones)" },
  revision: { en: "Revision", es: "Versión" },
  changeNote: { en: "Why it changed", es: "Por qué cambió" },
  goal: { en: "Goal", es: "Meta" },
  steps: { en: "Steps", es: "Pasos" },
  services: { en: "Services needed", es: "Servicios necesarios" },
  movingOn: { en: "Moving on", es: "Cómo dejarán el apoyo" },
  approved: { en: "Approved", es: "Aprobado" },
  contacts: { en: "Contacts", es: "Contactos" },
  kind: { en: "Kind", es: "Tipo" },
  minutes: { en: "Minutes", es: "Minutos" },
  review: { en: "Review of services", es: "Revisión de servicios" },
  closures: { en: "Case closures", es: "Cierres del caso" },
  reason: { en: "Reason", es: "Motivo" },
  goalsMet: { en: "Goals met", es: "Metas cumplidas" },
  maintenance: { en: "Plan to keep going", es: "Plan para seguir adelante" },
  anticipated: { en: "Needs ahead", es: "Necesidades previstas" },
  whereHelp: { en: "Where to seek help", es: "Dónde buscar ayuda" },
  reopened: { en: "Reopened", es: "Reabierto" },
  programRecords: { en: "Program records", es: "Registros de programas" },
  summary: { en: "Summary", es: "Resumen" },
  referrals: { en: "Referrals", es: "Referencias" },
  service: { en: "Service", es: "Servicio" },
  receiver: { en: "Receiving organization", es: "Organización que recibe" },
  sent: { en: "Sent", es: "Enviada" },
  shared: { en: "What was shared", es: "Lo que se compartió" },
  history: { en: "History", es: "Historial" },
  offTrellis: { en: "Not on Trellis", es: "Fuera de Trellis" },
  consents: { en: "Consents to share information", es: "Consentimientos para compartir información" },
  givenBy: { en: "Given by", es: "Otorgado por" },
  with: { en: "Shared with", es: "Se comparte con" },
  categories: { en: "What may be shared", es: "Qué se puede compartir" },
  purposes: { en: "For what", es: "Para qué" },
  period: { en: "Effective", es: "Vigencia" },
  untilRevoked: { en: "until revoked", es: "hasta que se revoque" },
  method: { en: "How it was given", es: "Cómo se otorgó" },
  signedForm: { en: "Signed form on file", es: "Formulario firmado archivado" },
  signature: { en: "Signature (typed)", es: "Firma (escrita a máquina)" },
  witness: { en: "Witness", es: "Testigo" },
  state: { en: "State", es: "Estado" },
  revoked: { en: "Revoked", es: "Revocado" },
  breakGlass: { en: "Emergency accesses (break-glass)", es: "Accesos de emergencia" },
  accessingOrg: { en: "Organization", es: "Organización" },
  person: { en: "Person", es: "Persona" },
  opened: { en: "Opened", es: "Abierto" },
  until: { en: "Until", es: "Hasta" },
  reviewed: { en: "Privacy officer's review", es: "Revisión del encargado de privacidad" },
  notReviewed: { en: "Not reviewed yet", es: "Todavía sin revisar" },
  accessLog: { en: "Who has seen the record", es: "Quién ha visto el expediente" },
} as const satisfies Record<string, Bilingual>;

const STATES: Record<string, Bilingual> = {
  valid: { en: "In effect", es: "Vigente" },
  not_yet_effective: { en: "Not yet in effect", es: "Todavía no vigente" },
  expired: { en: "Expired", es: "Vencido" },
  revoked: { en: "Revoked", es: "Revocado" },
  open: { en: "Open", es: "Abierto" },
  closed: { en: "Closed", es: "Cerrado" },
  active: { en: "In effect", es: "Vigente" },
  pending_approval: { en: "Waiting for approval", es: "En espera de aprobación" },
  superseded: { en: "Replaced", es: "Reemplazado" },
  standard: { en: "Standard", es: "Estándar" },
  intensive: { en: "Intensive", es: "Intensivo" },
  justified: { en: "Justified", es: "Justificado" },
  not_justified: { en: "Not justified", es: "No justificado" },
};

/** Relationships, contact kinds and referral statuses as the family reads them. */
const TERMS: Record<string, Bilingual> = {
  parent: { en: "Parent", es: "Madre o padre" },
  guardian: { en: "Guardian", es: "Tutor(a)" },
  child: { en: "Child", es: "Hijo(a)" },
  grandparent: { en: "Grandparent", es: "Abuelo(a)" },
  sibling: { en: "Sibling", es: "Hermano(a)" },
  partner: { en: "Partner", es: "Pareja" },
  other: { en: "Other", es: "Otro" },
  home_visit: { en: "Home visit", es: "Visita al hogar" },
  phone: { en: "Phone", es: "Teléfono" },
  office: { en: "Office", es: "Oficina" },
  text: { en: "Text message", es: "Mensaje de texto" },
  video: { en: "Video call", es: "Videollamada" },
  sent: { en: "Sent", es: "Enviada" },
  accepted: { en: "Accepted", es: "Aceptada" },
  declined: { en: "Declined", es: "Rechazada" },
  completed: { en: "Completed", es: "Completada" },
  not_completed: { en: "Not completed", es: "No completada" },
  cancelled: { en: "Cancelled", es: "Cancelada" },
};

export function renderFamilyRecordPdf(record: FamilyRecord, timeZone: string): Promise<Buffer> {
  const { locale } = record;
  const options: PdfOptions = { locale, timeZone };
  const w = (key: keyof typeof WORDS) => WORDS[key][locale];
  const state = (key: string | null) => (key ? (STATES[key]?.[locale] ?? key) : "—");
  const day = (iso: string | null) => longDate(iso, locale);
  const when = (iso: string | null) => dateTime(iso, options);
  // pdfmake annotates the nodes it lays out, so every empty section gets its own node.
  const none = (): Content => ({ text: w("none"), style: "note" });
  const term = (key: string) => TERMS[key]?.[locale] ?? key;
  const language = (tag: string | null) => {
    if (!tag) return "—";
    try {
      return new Intl.DisplayNames([locale], { type: "language" }).of(tag) ?? tag;
    } catch {
      return tag;
    }
  };
  const f = record.family;

  const content: Content[] = [
    { text: w("title"), style: "title" },
    factsTable([
      [w("family"), f.displayName],
      [w("organization"), record.organizationName],
      [w("generated"), when(record.generatedAt)],
    ]),
    { text: w("intro"), style: "note" },
    { text: w("details"), style: "h1" },
    factsTable([
      [w("language"), language(f.preferredLanguage)],
      [w("phone"), orDash(f.phone)],
      [w("email"), orDash(f.email)],
      [w("address"), orDash(f.address)],
      [w("referralSource"), orDash(f.referralSource)],
      [w("referralDate"), day(f.referralDate)],
      [w("program"), orDash(f.program)],
      [w("enrollmentDate"), day(f.enrollmentDate)],
      [w("caseManager"), orDash(f.caseManagerName)],
      [w("status"), state(f.status)],
      [w("intensity"), state(f.intensity)],
      [w("intensityReason"), orDash(f.intensityReason)],
      [w("createdAt"), when(f.createdAt)],
    ]),
    { text: w("members"), style: "h1" },
    record.members.length === 0
      ? none()
      : dataTable(
          [w("name"), w("dateOfBirth"), w("relationship"), w("language"), w("phone")],
          record.members.map((m) => [
            `${m.firstName} ${m.lastName}`,
            day(m.dateOfBirth),
            term(m.relationship),
            language(m.preferredLanguage),
            orDash(m.phone),
          ]),
          ["*", 90, 80, 60, 90],
        ),
    { text: w("assessments"), style: "h1" },
    record.assessments.length === 0
      ? none()
      : dataTable(
          [w("date"), w("instrument"), w("scores"), w("total"), w("crisis"), w("notes"), w("by")],
          record.assessments.map((a) => [
            day(a.assessedOn),
            `${a.instrumentKey} v${a.instrumentVersion}`,
            Object.entries(a.scores)
              .map(([k, v]) => `${k}: ${v}`)
              .join(", "),
            String(a.total),
            a.crisisKinds.join(", ") || "—",
            orDash(a.notes),
            orDash(a.assessedByName),
          ]),
          [60, 60, "*", 30, 60, 80, 60],
        ),
    { text: w("plans"), style: "h1" },
  ];

  if (record.servicePlanRevisions.length === 0) content.push(none());
  for (const plan of record.servicePlanRevisions) {
    content.push({ text: `${w("revision")} ${plan.revision} — ${state(plan.status)}`, style: "h2" });
    content.push(
      factsTable([
        [w("date"), when(plan.createdAt)],
        [w("by"), orDash(plan.createdByName)],
        [w("approved"), plan.approvedAt ? `${when(plan.approvedAt)} (${orDash(plan.approvedByName)})` : "—"],
        [w("changeNote"), orDash(plan.changeNote)],
      ]),
    );
    plan.goals.forEach((g, i) => {
      content.push({ text: `${w("goal")} ${i + 1}: ${g.goal}`, bold: true });
      content.push(
        bullets(
          g.steps.map((s) => `${s.action} — ${s.who} — ${s.when}`),
          w("none"),
        ),
      );
      content.push({ text: `${w("services")}: ${g.servicesNeeded.join(", ") || "—"}`, margin: [0, 0, 0, 6] });
    });
    content.push({
      text: `${w("movingOn")}: ${plan.disengagement.when} — ${plan.disengagement.how} — ${plan.disengagement.needs}`,
      margin: [0, 0, 0, 8],
    });
  }

  content.push({ text: w("contacts"), style: "h1" });
  content.push(
    record.contacts.length === 0
      ? none()
      : dataTable(
          [w("date"), w("kind"), w("minutes"), w("notes"), w("review"), w("by")],
          record.contacts.map((c) => [
            day(c.contactDate),
            term(c.kind),
            orDash(c.durationMinutes),
            orDash(c.notes),
            c.servicesReview.map((r) => `${r.service}${r.note ? `: ${r.note}` : ""}`).join("; ") || "—",
            orDash(c.createdByName),
          ]),
          [60, 50, 35, "*", 90, 60],
        ),
  );

  content.push({ text: w("closures"), style: "h1" });
  if (record.closures.length === 0) content.push(none());
  for (const c of record.closures) {
    content.push(
      factsTable([
        [w("date"), day(c.closedOn)],
        [w("reason"), c.reason],
        [w("goalsMet"), c.goalsMet],
        [w("maintenance"), c.maintenancePlan],
        [w("anticipated"), c.anticipatedNeeds],
        [w("whereHelp"), c.whereToSeekHelp],
        [w("by"), orDash(c.closedByName)],
        [w("reopened"), c.reopenedAt ? `${when(c.reopenedAt)} — ${orDash(c.reopenReason)}` : "—"],
      ]),
    );
  }

  content.push({ text: w("programRecords"), style: "h1" });
  content.push(
    record.programRecords.length === 0
      ? none()
      : dataTable(
          [w("date"), w("kind"), w("summary"), w("by")],
          record.programRecords.map((p) => [
            day(p.recordedOn),
            CATEGORY_LABELS[p.kind as keyof typeof CATEGORY_LABELS]?.[locale] ?? p.kind,
            p.summary,
            orDash(p.recordedByName),
          ]),
          [60, 110, "*", 70],
        ),
  );

  content.push({ text: w("referrals"), style: "h1" });
  if (record.referrals.length === 0) content.push(none());
  for (const r of record.referrals) {
    content.push({ text: `${r.serviceName}${r.providerName ? ` — ${r.providerName}` : ""}`, style: "h2" });
    content.push(
      factsTable([
        [w("receiver"), r.receivingOrganizationName ?? w("offTrellis")],
        [w("status"), term(r.status)],
        [w("sent"), `${when(r.sentAt)} (${orDash(r.sentByName)})`],
        [w("goal"), orDash(r.goalText)],
        [
          w("shared"),
          [r.shared.contactName, r.shared.language, r.shared.phone, r.shared.reason]
            .filter(Boolean)
            .join(" — "),
        ],
      ]),
    );
    if (r.events.length > 0) {
      content.push(
        dataTable(
          [w("date"), w("status"), w("notes"), w("by")],
          r.events.map((e) => [
            when(e.occurredAt),
            `${e.fromStatus ? term(e.fromStatus) : "—"} → ${term(e.toStatus)}`,
            orDash(e.note),
            orDash(e.actorName),
          ]),
          [90, 110, "*", 80],
        ),
      );
    }
  }

  content.push({ text: w("consents"), style: "h1" });
  if (record.consents.length === 0) content.push(none());
  for (const c of record.consents) {
    content.push(
      factsTable([
        [w("givenBy"), c.givenByName],
        [w("with"), c.receivingOrganizations.map((o) => o.name).join(", ")],
        [w("categories"), c.categories.map((k) => CATEGORY_LABELS[k][locale]).join(", ")],
        [w("purposes"), c.purposes.map((k) => PURPOSE_LABELS[k][locale]).join(", ")],
        [w("period"), `${day(c.effectiveOn)} — ${c.expiresOn ? day(c.expiresOn) : w("untilRevoked")}`],
        [w("method"), METHOD_LABELS[c.method][locale]],
        [w("signature"), c.typedSignature ? `${c.typedSignature} (${day(c.signedOn)})` : "—"],
        [w("witness"), orDash(c.witnessName)],
        [w("signedForm"), c.signedForm ? `${c.signedForm.fileName} (${c.signedForm.sizeBytes} B)` : "—"],
        [w("state"), state(c.state)],
        [w("revoked"), c.revokedAt ? `${when(c.revokedAt)} — ${orDash(c.revocationReason)}` : "—"],
      ]),
    );
  }

  content.push({ text: w("breakGlass"), style: "h1" });
  content.push(
    record.breakGlassAccesses.length === 0
      ? none()
      : dataTable(
          [w("accessingOrg"), w("person"), w("reason"), w("opened"), w("until"), w("reviewed")],
          record.breakGlassAccesses.map((b) => [
            b.accessingOrganizationName,
            orDash(b.userName),
            b.reason,
            when(b.openedAt),
            when(b.expiresAt),
            b.reviewOutcome
              ? `${state(b.reviewOutcome)}${b.reviewNote ? `: ${b.reviewNote}` : ""}`
              : w("notReviewed"),
          ]),
          [80, 70, "*", 70, 70, 80],
        ),
  );

  content.push({ text: w("accessLog"), style: "h1" });
  content.push(accessLogContent(record.accessLog, options));

  return renderPrivacyPdf({ title: w("title"), subject: f.displayName, locale, content });
}
