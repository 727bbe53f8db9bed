/**
 * "Who saw this family's record": every audited read, export, shared read by another organization,
 * break-glass access and refused attempt on the family, as a report the family can be given. One query,
 * by the audit conventions of docs/consent.md: events on the family itself, and events on things inside it
 * (consents, referrals, break-glass accesses) that name it in metadata.familyId.
 */
import { and, desc, eq, inArray, or, sql } from "drizzle-orm";
import { type Static, Type } from "typebox";
import type { DbOrTx } from "../../db/client.ts";
import { auditEvents, memberships, organizations, users } from "../../db/schema/index.ts";
import { Uuid } from "../../server/schema.ts";
import type { Bilingual, PrivacyLocale } from "./consent-form.labels.ts";

export const ACCESS_KINDS = ["read", "export", "shared_read", "break_glass", "change", "other"] as const;
export type AccessKind = (typeof ACCESS_KINDS)[number];
export const ACCESS_BASES = ["own_organization", "consent", "break_glass"] as const;
export type AccessBasis = (typeof ACCESS_BASES)[number];

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const AccessReportEntry = Type.Object({
  id: Uuid,
  occurredAt: Type.String({ format: "date-time" }),
  /** The audit action, as recorded (e.g. `family.read`). */
  action: Type.String(),
  /** What happened, in the report's language; unknown actions read "Other activity (action)". */
  what: Type.String(),
  /** Reads and exports, other organizations' shared reads and break-glass, or changes (labelled as such). */
  kind: Type.Enum(ACCESS_KINDS),
  /** The person's name, or the e-mail recorded when the user no longer exists. */
  who: Nullable(Type.String()),
  /** The organization the person acted for. */
  organizationName: Nullable(Type.String()),
  /** On what ground: the family's own organization, a consent, or emergency access (break-glass). */
  basis: Nullable(Type.Enum(ACCESS_BASES)),
  outcome: Type.Enum(["success", "denied", "failure"]),
});
export type AccessReportEntry = Static<typeof AccessReportEntry>;

export const AccessReport = Type.Object({
  familyId: Uuid,
  familyName: Type.String(),
  organizationName: Type.String(),
  locale: Type.Enum(["en", "es"]),
  generatedAt: Type.String({ format: "date-time" }),
  /** Newest first. */
  entries: Type.Array(AccessReportEntry),
});
export type AccessReport = Static<typeof AccessReport>;

interface ActionLabel extends Bilingual {
  kind: AccessKind;
}

/** The audited actions on a family, in the family's words. Anything else reads "Other activity". */
const ACTION_LABELS: Record<string, ActionLabel> = {
  "family.read": { kind: "read", en: "Opened the family's record", es: "Abrió el expediente de la familia" },
  "family.service_plan.export": {
    kind: "export",
    en: "Printed the service plan",
    es: "Imprimió el plan de servicios",
  },
  "family.access_report": {
    kind: "export",
    en: "Printed this report of who saw the record",
    es: "Imprimió este informe de quién vio el expediente",
  },
  "family.record_export": {
    kind: "export",
    en: "Exported the family's whole record",
    es: "Exportó el expediente completo de la familia",
  },
  "family.program_records.read": {
    kind: "read",
    en: "Viewed program records",
    es: "Vio los registros de programas",
  },
  "family.shared.read": {
    kind: "shared_read",
    en: "Another organization viewed shared information",
    es: "Otra organización vio información compartida",
  },
  "family.break_glass": {
    kind: "break_glass",
    en: "Emergency access without consent",
    es: "Acceso de emergencia sin consentimiento",
  },
  "consent.list": {
    kind: "read",
    en: "Viewed the family's consents",
    es: "Vio los consentimientos de la familia",
  },
  "consent.read": { kind: "read", en: "Viewed a consent", es: "Vio un consentimiento" },
  "consent.signed_form.read": {
    kind: "read",
    en: "Viewed a signed consent form",
    es: "Vio un formulario de consentimiento firmado",
  },
  "consent.pdf": { kind: "export", en: "Printed a consent", es: "Imprimió un consentimiento" },
  "referral.read": { kind: "read", en: "Viewed a referral", es: "Vio una referencia" },
  "family.create": {
    kind: "change",
    en: "Created the family's record (intake)",
    es: "Creó el expediente (admisión)",
  },
  "family.update": {
    kind: "change",
    en: "Changed the family's details",
    es: "Cambió los datos de la familia",
  },
  "family.member.add": { kind: "change", en: "Added a household member", es: "Agregó un miembro del hogar" },
  "family.member.update": {
    kind: "change",
    en: "Corrected a household member",
    es: "Corrigió un miembro del hogar",
  },
  "family.member.remove": {
    kind: "change",
    en: "Removed a household member",
    es: "Quitó un miembro del hogar",
  },
  "family.merge": { kind: "change", en: "Merged a duplicate record", es: "Unió un expediente duplicado" },
  "family.assessment.create": { kind: "change", en: "Recorded an assessment", es: "Registró una evaluación" },
  "family.intensity.set": {
    kind: "change",
    en: "Set the level of support",
    es: "Fijó el nivel de apoyo",
  },
  "family.service_plan.create": {
    kind: "change",
    en: "Wrote a service plan",
    es: "Escribió un plan de servicios",
  },
  "family.service_plan.approve": {
    kind: "change",
    en: "Approved the service plan",
    es: "Aprobó el plan de servicios",
  },
  "family.contact.log": { kind: "change", en: "Recorded a contact", es: "Registró un contacto" },
  "family.case.close": { kind: "change", en: "Closed the case", es: "Cerró el caso" },
  "family.case.reopen": { kind: "change", en: "Reopened the case", es: "Reabrió el caso" },
  "family.program_record.create": {
    kind: "change",
    en: "Recorded a program record",
    es: "Registró un registro de programa",
  },
  "consent.create": { kind: "change", en: "Recorded a consent", es: "Registró un consentimiento" },
  "consent.revoke": {
    kind: "change",
    en: "Recorded a revocation of consent",
    es: "Registró la revocación de un consentimiento",
  },
  "break_glass.review": {
    kind: "change",
    en: "A privacy officer reviewed an emergency access",
    es: "Un encargado de privacidad revisó un acceso de emergencia",
  },
  "retention.anonymize_family": {
    kind: "change",
    en: "Removed what identifies the family (retention rule)",
    es: "Eliminó los datos que identifican a la familia (regla de conservación)",
  },
  "retention.redact_referral": {
    kind: "change",
    en: "Removed what a finished referral shared (retention rule)",
    es: "Eliminó lo que compartió una referencia terminada (regla de conservación)",
  },
  "retention.delete_consent_form": {
    kind: "change",
    en: "Deleted a signed consent form (retention rule)",
    es: "Eliminó un formulario de consentimiento firmado (regla de conservación)",
  },
  "referral.create": { kind: "change", en: "Made a referral", es: "Hizo una referencia" },
  "referral.status.update": {
    kind: "change",
    en: "Updated a referral",
    es: "Actualizó una referencia",
  },
};

export function describeAction(action: string, locale: PrivacyLocale): { what: string; kind: AccessKind } {
  const label = ACTION_LABELS[action];
  if (label) return { what: label[locale], kind: label.kind };
  return {
    what: locale === "es" ? `Otra actividad (${action})` : `Other activity (${action})`,
    kind: "other",
  };
}

/** The audit events about one family (whose organization the caller has authorized), newest first. */
export async function loadFamilyAuditEvents(db: DbOrTx, familyId: string) {
  return db
    .select({ event: auditEvents, userName: users.name, eventOrganizationName: organizations.name })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .leftJoin(organizations, eq(organizations.id, auditEvents.organizationId))
    .where(
      or(
        and(eq(auditEvents.resourceType, "family"), eq(auditEvents.resourceId, familyId)),
        sql`${auditEvents.metadata} ->> 'familyId' = ${familyId}`,
      ),
    )
    .orderBy(desc(auditEvents.seq));
}

const text = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);

/**
 * The family's access log: one entry per audited event. The organization is the one the person acted for
 * (metadata.actorOrganizationId); without it, the event's organization when the person belongs to it, else
 * the organizations the person belongs to now — a refused outsider's event is filed under the family's
 * organization, and naming that one would tell the family the wrong agency.
 */
export async function loadAccessLog(
  db: DbOrTx,
  scope: { familyId: string; organizationId: string },
  locale: PrivacyLocale,
): Promise<AccessReportEntry[]> {
  const rows = await loadFamilyAuditEvents(db, scope.familyId);
  const actorOrganizationIds = rows.map((r) => text(r.event.metadata?.actorOrganizationId));
  const actorUserIds = rows.map((r) => r.event.actorUserId);
  const [names, membershipsByUser] = await Promise.all([
    organizationNamesById(db, actorOrganizationIds),
    membershipNames(db, actorUserIds),
  ]);
  return rows.map(({ event, userName, eventOrganizationName }) => {
    const metadata = event.metadata ?? {};
    const actorOrganizationId = text(metadata.actorOrganizationId);
    const userOrganizations = event.actorUserId ? (membershipsByUser.get(event.actorUserId) ?? []) : [];
    // System jobs (no user) act for the event's organization.
    const actsForEventOrganization =
      !event.actorUserId || userOrganizations.some((m) => m.organizationId === event.organizationId);
    let organizationName: string | null;
    if (actorOrganizationId) organizationName = names.get(actorOrganizationId) ?? null;
    else if (actsForEventOrganization) organizationName = eventOrganizationName;
    else organizationName = userOrganizations.map((m) => m.name).join(", ") || null;
    let basis: AccessBasis | null = null;
    if (metadata.basis === "consent" || metadata.basis === "break_glass") basis = metadata.basis;
    else if (
      event.outcome === "success" &&
      !actorOrganizationId &&
      actsForEventOrganization &&
      event.organizationId === scope.organizationId
    )
      basis = "own_organization";
    const { what, kind } = describeAction(event.action, locale);
    return {
      id: event.id,
      occurredAt: event.occurredAt.toISOString(),
      action: event.action,
      what,
      kind,
      who: userName ?? event.actorEmail,
      organizationName,
      basis,
      outcome: event.outcome,
    };
  });
}

async function organizationNamesById(db: DbOrTx, ids: (string | null)[]) {
  // Metadata is free-form: keep only well-formed ids so a bad value cannot break the uuid cast.
  const wanted = [...new Set(ids.filter((id): id is string => id !== null && UUID.test(id)))];
  if (wanted.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function membershipNames(db: DbOrTx, userIds: (string | null)[]) {
  const wanted = [...new Set(userIds.filter((id): id is string => id !== null))];
  const byUser = new Map<string, { organizationId: string; name: string }[]>();
  if (wanted.length === 0) return byUser;
  const rows = await db
    .select({ userId: memberships.userId, organizationId: organizations.id, name: organizations.name })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(inArray(memberships.userId, wanted))
    .orderBy(organizations.name);
  for (const r of rows) byUser.set(r.userId, [...(byUser.get(r.userId) ?? []), r]);
  return byUser;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
