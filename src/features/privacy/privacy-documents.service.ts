/**
 * The privacy documents of a family: the access report and the whole-record export (staff of the family's
 * organization), each authorized by name first, then read, then audited by the route once delivered.
 */
import type { Db } from "../../db/client.ts";
import type { Actor } from "../../server/authorization.ts";
import { notFound } from "../../server/errors.ts";
import { type AuditContext, recordAudit } from "../audit/audit.service.ts";
import { requireFamily } from "../families/families.access.ts";
import { loadFamilyRow } from "../families/families.repository.ts";
import { type AccessReport, loadAccessLog } from "./access-report.ts";
import type { PrivacyLocale } from "./consent-form.labels.ts";
import type { FamilyRecord } from "./family-record.schema.ts";
import { loadFamilyRecord } from "./family-record.ts";
import { familyLocale } from "./privacy-documents.schema.ts";

export interface PrivacyDocumentsDeps {
  db: Db;
  today: () => string;
}

async function authorizedFamily(deps: PrivacyDocumentsDeps, actor: Actor, familyId: string) {
  const scope = await requireFamily(deps.db, actor, familyId, "family.read");
  const row = await loadFamilyRow(deps.db, scope.organizationId, familyId);
  if (!row) throw notFound("Family");
  return { scope, row };
}

export async function buildAccessReport(
  deps: PrivacyDocumentsDeps,
  actor: Actor,
  familyId: string,
  locale: PrivacyLocale | undefined,
): Promise<{ report: AccessReport; organizationId: string }> {
  const { scope, row } = await authorizedFamily(deps, actor, familyId);
  const language = familyLocale(locale, row.family.preferredLanguage);
  const entries = await loadAccessLog(deps.db, scope, language);
  return {
    organizationId: scope.organizationId,
    report: {
      familyId,
      familyName: row.family.displayName,
      organizationName: row.organizationName,
      locale: language,
      generatedAt: new Date().toISOString(),
      entries,
    },
  };
}

export async function buildFamilyRecord(
  deps: PrivacyDocumentsDeps,
  actor: Actor,
  familyId: string,
  locale: PrivacyLocale | undefined,
): Promise<{ record: FamilyRecord; organizationId: string }> {
  const { scope, row } = await authorizedFamily(deps, actor, familyId);
  const language = familyLocale(locale, row.family.preferredLanguage);
  const [held, accessLog] = await Promise.all([
    loadFamilyRecord(
      deps.db,
      { organizationId: scope.organizationId, organizationName: row.organizationName, family: row.family },
      deps.today(),
    ),
    loadAccessLog(deps.db, scope, language),
  ]);
  return {
    organizationId: scope.organizationId,
    record: { ...held, locale: language, generatedAt: new Date().toISOString(), accessLog },
  };
}

/** A family document was handed out: audited against the family's organization. */
export async function auditFamilyDocument(
  db: Db,
  audit: AuditContext,
  event: {
    action: "family.access_report" | "family.record_export";
    familyId: string;
    organizationId: string;
    metadata: Record<string, unknown>;
  },
): Promise<void> {
  await recordAudit(db, audit, {
    action: event.action,
    outcome: "success",
    resourceType: "family",
    resourceId: event.familyId,
    organizationId: event.organizationId,
    metadata: event.metadata,
  });
}
