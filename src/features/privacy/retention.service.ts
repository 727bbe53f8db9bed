/**
 * Retention (docs/consent.md): an organization's rules, the preview (dry run) of what they reach today,
 * and their application — by a privacy officer who confirms a preview, or by the daily job for enabled
 * rules. Anonymizing keeps ids, dates, statuses and scores (so counts and reports still add up) and
 * removes what identifies anyone. Audit events are only ever appended: the chain still verifies.
 */
import { and, eq, inArray, isNotNull, or, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client.ts";
import {
  consentDocuments,
  consents,
  families,
  jobRuns,
  organizations,
  RETENTION_RECORD_TYPES,
  type RetentionRecordType,
  referrals,
  retentionRules,
} from "../../db/schema/index.ts";
import { todayIn } from "../../server/config.ts";
import { AppError } from "../../server/errors.ts";
import { type AuditContext, type AuditRecord, recordAudit } from "../audit/audit.service.ts";
import { staleVersion } from "../plans/plans.service.ts";
import { anonymizeFamily, deleteConsentForm, redactReferral } from "./retention.repository.ts";
import {
  ANONYMIZED_PERSON_NAME,
  addDays,
  consentEndedOn,
  eligibleSince,
  FINAL_REFERRAL_STATUSES,
  isPastRetention,
  isRedactedReferral,
  previewIdOf,
  REDACTED_CONTACT_NAME,
  type RetentionRule,
  recordKey,
  retentionCutoff,
  withDefaults,
} from "./retention.rules.ts";

export interface RetentionDeps {
  db: Db;
  /** Dates of timestamps (revocations, referral closings) are taken in this time zone. */
  timeZone: string;
}

export interface RetentionItem {
  recordType: RetentionRecordType;
  recordId: string;
  familyId: string;
  /** For the owning organization's privacy officer only: never written to the audit log. */
  label: string;
  /** The day the record ended (closure, referral closing, consent end). */
  endedOn: string;
  eligibleSince: string;
  /** Whether its rule is enabled, i.e. whether applying changes it. */
  enabled: boolean;
}

export interface RetentionPreview {
  asOf: string;
  previewId: string;
  rules: RetentionRule[];
  counts: Record<RetentionRecordType, number>;
  items: RetentionItem[];
}

export type RetentionCounts = Record<RetentionRecordType, number>;

const zeroCounts = (): RetentionCounts => ({ closed_family: 0, finished_referral: 0, ended_consent_form: 0 });

// Serializes applications (a privacy officer's and the daily job's) so a record is changed once.
const RETENTION_LOCK = 727_003;

/** A rule with its version: a rule the organization never set is version 0 (its defaults). */
export type VersionedRetentionRule = RetentionRule & { version: number };

export async function listRetentionRules(
  db: DbOrTx,
  organizationId: string,
): Promise<VersionedRetentionRule[]> {
  const rows = await db
    .select({
      recordType: retentionRules.recordType,
      afterMonths: retentionRules.afterMonths,
      enabled: retentionRules.enabled,
      version: retentionRules.version,
    })
    .from(retentionRules)
    .where(eq(retentionRules.organizationId, organizationId));
  return withDefaults(rows).map((rule) => ({
    ...rule,
    version: rows.find((r) => r.recordType === rule.recordType)?.version ?? 0,
  }));
}

export async function updateRetentionRule(
  db: Db,
  organizationId: string,
  recordType: RetentionRecordType,
  input: { afterMonths: number; enabled: boolean; version: number },
  updatedBy: string,
  audit: AuditContext,
): Promise<VersionedRetentionRule[]> {
  return db.transaction(async (tx) => {
    const before = (await listRetentionRules(tx, organizationId)).find((r) => r.recordType === recordType);
    const values = {
      afterMonths: input.afterMonths,
      enabled: input.enabled,
      updatedBy,
      updatedAt: new Date(),
    };
    // Optimistic concurrency: version 0 means "the defaults, never stored" and may only be created once;
    // otherwise the stored row must still carry the version the client loaded.
    const written =
      input.version === 0
        ? await tx
            .insert(retentionRules)
            .values({ organizationId, recordType, ...values })
            .onConflictDoNothing()
            .returning({ version: retentionRules.version })
        : await tx
            .update(retentionRules)
            .set({ ...values, version: sql`${retentionRules.version} + 1` })
            .where(
              and(
                eq(retentionRules.organizationId, organizationId),
                eq(retentionRules.recordType, recordType),
                eq(retentionRules.version, input.version),
              ),
            )
            .returning({ version: retentionRules.version });
    if (written.length === 0) throw staleVersion("retention rule", before?.version ?? 0);
    await recordAudit(tx, audit, {
      action: "retention.rule.update",
      outcome: "success",
      resourceType: "retention_rule",
      resourceId: recordType,
      organizationId,
      metadata: {
        recordType,
        before: before ? { afterMonths: before.afterMonths, enabled: before.enabled } : null,
        after: { afterMonths: input.afterMonths, enabled: input.enabled },
      },
    });
    return listRetentionRules(tx, organizationId);
  });
}

/** The latest closure still in force (not reopened), as an ISO date. */
const latestClosedOn = sql`(select max(fc.closed_on) from family_closures fc where fc.organization_id = ${families.organizationId} and fc.family_id = ${families.id} and fc.reopened_at is null)`;

async function closedFamiliesDue(db: DbOrTx, organizationId: string, rule: RetentionRule, today: string) {
  const rows = await db
    .select({
      id: families.id,
      displayName: families.displayName,
      closedOn: sql<string>`(${latestClosedOn})::text`,
    })
    .from(families)
    .where(
      and(
        eq(families.organizationId, organizationId),
        eq(families.status, "closed"),
        sql`not exists (select 1 from family_anonymizations fa where fa.organization_id = ${families.organizationId} and fa.family_id = ${families.id})`,
        sql`${latestClosedOn} < ${retentionCutoff(today, rule.afterMonths)}::date`,
      ),
    );
  return rows
    .filter((r) => isPastRetention(r.closedOn, today, rule.afterMonths))
    .map(
      (r): RetentionItem => ({
        recordType: "closed_family",
        recordId: r.id,
        familyId: r.id,
        label: r.displayName,
        endedOn: r.closedOn,
        eligibleSince: eligibleSince(r.closedOn, rule.afterMonths),
        enabled: rule.enabled,
      }),
    );
}

async function finishedReferralsDue(
  db: DbOrTx,
  organizationId: string,
  rule: RetentionRule,
  today: string,
  timeZone: string,
) {
  // A day of margin for the time zone; the exact day is checked below.
  const before = new Date(`${addDays(retentionCutoff(today, rule.afterMonths), 1)}T12:00:00Z`);
  const rows = await db
    .select({
      id: referrals.id,
      familyId: referrals.familyId,
      serviceName: referrals.serviceName,
      familyName: families.displayName,
      closedAt: referrals.closedAt,
      sharedContactName: referrals.sharedContactName,
      sharedPhone: referrals.sharedPhone,
      sharedReason: referrals.sharedReason,
      goalText: referrals.goalText,
    })
    .from(referrals)
    .innerJoin(
      families,
      and(eq(families.organizationId, referrals.organizationId), eq(families.id, referrals.familyId)),
    )
    .where(
      and(
        eq(referrals.organizationId, organizationId),
        inArray(referrals.status, [...FINAL_REFERRAL_STATUSES]),
        isNotNull(referrals.closedAt),
        sql`${referrals.closedAt} < ${before.toISOString()}`,
        sql`not (${referrals.sharedContactName} in (${REDACTED_CONTACT_NAME}, ${ANONYMIZED_PERSON_NAME}) and ${referrals.sharedPhone} is null and ${referrals.sharedReason} = '' and ${referrals.goalText} is null)`,
      ),
    );
  const items: RetentionItem[] = [];
  for (const r of rows) {
    if (!r.closedAt || isRedactedReferral(r)) continue;
    const closedOn = todayIn(timeZone, r.closedAt);
    if (!isPastRetention(closedOn, today, rule.afterMonths)) continue;
    items.push({
      recordType: "finished_referral",
      recordId: r.id,
      familyId: r.familyId,
      label: `${r.serviceName} (${r.familyName})`,
      endedOn: closedOn,
      eligibleSince: eligibleSince(closedOn, rule.afterMonths),
      enabled: rule.enabled,
    });
  }
  return items;
}

async function endedConsentFormsDue(
  db: DbOrTx,
  organizationId: string,
  rule: RetentionRule,
  today: string,
  timeZone: string,
) {
  const rows = await db
    .select({
      id: consents.id,
      familyId: consents.familyId,
      givenByName: consents.givenByName,
      familyName: families.displayName,
      revokedAt: consents.revokedAt,
      expiresOn: consents.expiresOn,
    })
    .from(consents)
    .innerJoin(
      consentDocuments,
      and(
        eq(consentDocuments.organizationId, consents.organizationId),
        eq(consentDocuments.consentId, consents.id),
      ),
    )
    .innerJoin(
      families,
      and(eq(families.organizationId, consents.organizationId), eq(families.id, consents.familyId)),
    )
    .where(
      and(
        eq(consents.organizationId, organizationId),
        or(isNotNull(consents.revokedAt), sql`${consents.expiresOn} < ${today}::date`),
      ),
    );
  const items: RetentionItem[] = [];
  for (const c of rows) {
    const endedOn = consentEndedOn(
      { revokedOn: c.revokedAt ? todayIn(timeZone, c.revokedAt) : null, expiresOn: c.expiresOn },
      today,
    );
    if (!endedOn || !isPastRetention(endedOn, today, rule.afterMonths)) continue;
    items.push({
      recordType: "ended_consent_form",
      recordId: c.id,
      familyId: c.familyId,
      label: `${c.familyName}: consent given by ${c.givenByName}`,
      endedOn,
      eligibleSince: eligibleSince(endedOn, rule.afterMonths),
      enabled: rule.enabled,
    });
  }
  return items;
}

/** What every rule of the organization reaches today, enabled or not; only enabled ones are applied. */
export async function previewRetention(
  db: DbOrTx,
  organizationId: string,
  today: string,
  timeZone: string,
): Promise<RetentionPreview> {
  const rules = await listRetentionRules(db, organizationId);
  const items: RetentionItem[] = [];
  for (const rule of rules) {
    if (rule.recordType === "closed_family")
      items.push(...(await closedFamiliesDue(db, organizationId, rule, today)));
    if (rule.recordType === "finished_referral")
      items.push(...(await finishedReferralsDue(db, organizationId, rule, today, timeZone)));
    if (rule.recordType === "ended_consent_form")
      items.push(...(await endedConsentFormsDue(db, organizationId, rule, today, timeZone)));
  }
  // A family anonymized today also loses its referral snapshots and consent forms: list it once.
  const anonymized = new Set(
    items.filter((i) => i.recordType === "closed_family" && i.enabled).map((i) => i.familyId),
  );
  const listed = items
    .filter((i) => i.recordType === "closed_family" || !anonymized.has(i.familyId) || !i.enabled)
    .sort((a, b) =>
      a.recordType === b.recordType
        ? a.eligibleSince.localeCompare(b.eligibleSince) || a.recordId.localeCompare(b.recordId)
        : RETENTION_RECORD_TYPES.indexOf(a.recordType) - RETENTION_RECORD_TYPES.indexOf(b.recordType),
    );
  const counts = zeroCounts();
  for (const item of listed) counts[item.recordType] += 1;
  return {
    asOf: today,
    previewId: previewIdOf(
      listed.map((i) => recordKey(i.recordType, i.recordId)),
      rules,
    ),
    rules,
    counts,
    items: listed,
  };
}

export interface RetentionApplied {
  asOf: string;
  previewId: string;
  counts: RetentionCounts;
}

/**
 * Applies the enabled rules of one organization in one transaction, one audit event per record changed.
 * With `expectedPreviewId`, refuses (409) unless today's preview is still the one the officer confirmed.
 */
export async function applyRetention(
  deps: RetentionDeps,
  organizationId: string,
  today: string,
  expectedPreviewId: string | null,
  audit: AuditContext,
): Promise<RetentionApplied> {
  return deps.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${RETENTION_LOCK})`);
    const preview = await previewRetention(tx, organizationId, today, deps.timeZone);
    if (expectedPreviewId !== null && preview.previewId !== expectedPreviewId) {
      throw new AppError(
        "retention.preview_stale",
        "What the rules reach has changed since the preview: review the new preview and apply again.",
      );
    }
    const rules = new Map(preview.rules.map((r) => [r.recordType, r]));
    const counts = zeroCounts();
    // Written after the changes: appending to the audit chain holds its lock until commit, so this keeps
    // other requests' audit writes waiting only for the appends, not for the whole anonymization.
    const events: AuditRecord[] = [];
    for (const item of preview.items) {
      if (!item.enabled) continue;
      const afterMonths = rules.get(item.recordType)?.afterMonths ?? 0;
      const metadata = {
        familyId: item.familyId,
        recordType: item.recordType,
        afterMonths,
        endedOn: item.endedOn,
        previewId: preview.previewId,
      };
      if (item.recordType === "closed_family") {
        await anonymizeFamily(tx, organizationId, item.familyId, afterMonths);
        events.push({
          action: "retention.anonymize_family",
          outcome: "success",
          resourceType: "family",
          resourceId: item.familyId,
          organizationId,
          metadata,
        });
      } else if (item.recordType === "finished_referral") {
        await redactReferral(tx, organizationId, item.recordId);
        events.push({
          action: "retention.redact_referral",
          outcome: "success",
          resourceType: "referral",
          resourceId: item.recordId,
          organizationId,
          metadata,
        });
      } else {
        await deleteConsentForm(tx, organizationId, item.recordId);
        events.push({
          action: "retention.delete_consent_form",
          outcome: "success",
          resourceType: "consent",
          resourceId: item.recordId,
          organizationId,
          metadata,
        });
      }
      counts[item.recordType] += 1;
    }
    for (const event of events) await recordAudit(tx, audit, event);
    return { asOf: today, previewId: preview.previewId, counts };
  });
}

export const RETENTION_JOB = "privacy-retention";

export function systemRetentionContext(
  organizationId: string,
  actorEmail = "system:retention",
): AuditContext {
  return { actorUserId: null, actorEmail, organizationId, requestId: null, ip: null };
}

/** Organizations with at least one enabled rule: the only ones the job has anything to do for. */
export async function organizationsWithEnabledRules(db: DbOrTx) {
  return db
    .selectDistinct({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .innerJoin(retentionRules, eq(retentionRules.organizationId, organizations.id))
    .where(eq(retentionRules.enabled, true))
    .orderBy(organizations.name);
}

/**
 * The daily job: applies every organization's enabled rules, once per day whatever the number of app
 * processes (the first to claim the day in job_runs does the work). One organization's failure does not
 * stop the others; its records qualify again tomorrow.
 */
export async function runDailyRetention(
  deps: RetentionDeps & { log?: { error: (obj: unknown, msg: string) => void } },
  today: string,
) {
  const [claimed] = await deps.db
    .insert(jobRuns)
    .values({ job: RETENTION_JOB, runKey: today })
    .onConflictDoNothing()
    .returning({ job: jobRuns.job });
  if (!claimed) return { ran: false as const, organizations: 0, counts: zeroCounts(), failed: 0 };
  const counts = zeroCounts();
  let failed = 0;
  const orgs = await organizationsWithEnabledRules(deps.db);
  for (const org of orgs) {
    try {
      const applied = await applyRetention(deps, org.id, today, null, systemRetentionContext(org.id));
      for (const type of RETENTION_RECORD_TYPES) counts[type] += applied.counts[type];
    } catch (error) {
      failed += 1;
      deps.log?.error({ err: error, organizationId: org.id }, "retention failed for an organization");
    }
  }
  await deps.db
    .update(jobRuns)
    .set({ finishedAt: new Date(), result: { organizations: orgs.length, failed, ...counts } })
    .where(and(eq(jobRuns.job, RETENTION_JOB), eq(jobRuns.runKey, today)));
  return { ran: true as const, organizations: orgs.length, counts, failed };
}
