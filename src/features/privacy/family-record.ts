/**
 * The family's right of access: everything Trellis holds on one family, read from the tables of its
 * serving organization — the family row, household, assessments, every service plan revision, contacts,
 * closures, program records, referrals with their history, consents (what the signed form is, not its
 * bytes), break-glass accesses, and the access log of access-report.ts.
 */
import { and, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { breakGlassAccesses } from "../../db/schema/index.ts";
import {
  loadConsents,
  loadProgramRecords,
  loadSignedFormInfo,
  organizationNames,
  userNames,
} from "../consent/consent.repository.ts";
import { consentState } from "../consent/consent.rules.ts";
import {
  type FamilyRow,
  loadAssessments,
  loadClosures,
  loadContacts,
  loadMembers,
  loadPlans,
} from "../families/families.repository.ts";
import { listSent, loadEvents } from "../referrals/referrals.repository.ts";
import type { FamilyRecord } from "./family-record.schema.ts";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Everything held on the family; the caller has authorized the organization and loaded its row. */
export async function loadFamilyRecord(
  db: DbOrTx,
  scope: { organizationId: string; organizationName: string; family: FamilyRow },
  today: string,
): Promise<Omit<FamilyRecord, "locale" | "generatedAt" | "accessLog">> {
  const { organizationId, family } = scope;
  const familyId = family.id;
  const [
    members,
    assessments,
    plans,
    contacts,
    closures,
    programRecords,
    referralRows,
    consentRows,
    breakGlass,
  ] = await Promise.all([
    loadMembers(db, organizationId, [familyId]),
    loadAssessments(db, organizationId, [familyId]),
    loadPlans(db, organizationId, [familyId]),
    loadContacts(db, organizationId, familyId),
    loadClosures(db, organizationId, familyId),
    loadProgramRecords(db, organizationId, familyId),
    listSent(db, organizationId, familyId),
    loadConsents(db, organizationId, [familyId]),
    db
      .select()
      .from(breakGlassAccesses)
      .where(
        and(eq(breakGlassAccesses.organizationId, organizationId), eq(breakGlassAccesses.familyId, familyId)),
      )
      .orderBy(desc(breakGlassAccesses.openedAt)),
  ]);
  const [events, forms] = await Promise.all([
    loadEvents(
      db,
      organizationId,
      referralRows.map((r) => r.id),
    ),
    loadSignedFormInfo(
      db,
      organizationId,
      consentRows.map((c) => c.id),
    ),
  ]);
  const [people, orgs] = await Promise.all([
    userNames(db, [
      family.caseManagerUserId,
      family.createdBy,
      ...assessments.map((a) => a.assessedBy),
      ...plans.flatMap((p) => [p.createdBy, p.approvedBy]),
      ...contacts.map((c) => c.createdBy),
      ...closures.map((c) => c.closedBy),
      ...programRecords.map((p) => p.recordedBy),
      ...referralRows.map((r) => r.sentBy),
      ...events.map((e) => e.actorUserId),
      ...consentRows.flatMap((c) => [c.recordedBy, c.revokedBy]),
      ...breakGlass.flatMap((b) => [b.userId, b.reviewedBy]),
    ]),
    organizationNames(db, [
      ...referralRows.map((r) => r.receivingOrganizationId),
      ...consentRows.flatMap((c) => c.receivingOrganizationIds),
      ...breakGlass.map((b) => b.accessingOrganizationId),
    ]),
  ]);
  const person = (id: string | null) => (id ? (people.get(id) ?? null) : null);
  return {
    familyId,
    organizationName: scope.organizationName,
    family: {
      id: family.id,
      displayName: family.displayName,
      preferredLanguage: family.preferredLanguage,
      phone: family.phone,
      email: family.email,
      address: family.address,
      referralSource: family.referralSource,
      referralDate: family.referralDate,
      program: family.program,
      enrollmentDate: family.enrollmentDate,
      caseManagerName: person(family.caseManagerUserId),
      status: family.status,
      intensity: family.intensity,
      intensityReason: family.intensityReason,
      intensityDecidedAt: iso(family.intensityDecidedAt),
      createdByName: person(family.createdBy),
      createdAt: family.createdAt.toISOString(),
      updatedAt: family.updatedAt.toISOString(),
    },
    members: members.map((m) => ({
      id: m.id,
      firstName: m.firstName,
      lastName: m.lastName,
      dateOfBirth: m.dateOfBirth,
      relationship: m.relationship,
      preferredLanguage: m.preferredLanguage,
      phone: m.phone,
    })),
    assessments: assessments.map((a) => ({
      id: a.id,
      instrumentKey: a.instrumentKey,
      instrumentVersion: a.instrumentVersion,
      assessedOn: a.assessedOn,
      scores: a.scores,
      crisisKinds: a.crisisKinds,
      total: a.total,
      suggestedIntensity: a.suggestedIntensity,
      notes: a.notes,
      assessedByName: person(a.assessedBy),
      createdAt: a.createdAt.toISOString(),
    })),
    servicePlanRevisions: plans.map((p) => ({
      id: p.id,
      revision: p.revision,
      status: p.status,
      goals: p.goals,
      disengagement: p.disengagement,
      changeNote: p.changeNote,
      createdAt: p.createdAt.toISOString(),
      createdByName: person(p.createdBy),
      approvedAt: iso(p.approvedAt),
      approvedByName: person(p.approvedBy),
    })),
    contacts: contacts.map((c) => ({
      id: c.id,
      contactDate: c.contactDate,
      kind: c.kind,
      durationMinutes: c.durationMinutes,
      notes: c.notes,
      servicesReview: c.servicesReview,
      createdByName: person(c.createdBy),
      createdAt: c.createdAt.toISOString(),
    })),
    closures: closures.map((c) => ({
      id: c.id,
      closedOn: c.closedOn,
      reason: c.reason,
      goalsMet: c.goalsMet,
      maintenancePlan: c.maintenancePlan,
      anticipatedNeeds: c.anticipatedNeeds,
      whereToSeekHelp: c.whereToSeekHelp,
      closedByName: person(c.closedBy),
      reopenedAt: iso(c.reopenedAt),
      reopenReason: c.reopenReason,
      createdAt: c.createdAt.toISOString(),
    })),
    programRecords: programRecords.map((p) => ({
      id: p.id,
      kind: p.kind,
      recordedOn: p.recordedOn,
      summary: p.summary,
      recordedByName: person(p.recordedBy),
      createdAt: p.createdAt.toISOString(),
    })),
    referrals: referralRows.map((r) => ({
      id: r.id,
      serviceName: r.serviceName,
      providerName: r.providerName,
      receivingOrganizationName: r.receivingOrganizationId
        ? (orgs.get(r.receivingOrganizationId) ?? null)
        : null,
      status: r.status,
      goalText: r.goalText,
      shared: {
        contactName: r.sharedContactName,
        language: r.sharedLanguage,
        phone: r.sharedPhone,
        reason: r.sharedReason,
      },
      sentByName: person(r.sentBy),
      sentAt: r.sentAt.toISOString(),
      acceptedAt: iso(r.acceptedAt),
      closedAt: iso(r.closedAt),
      events: events
        .filter((e) => e.referralId === r.id)
        .map((e) => ({
          fromStatus: e.fromStatus,
          toStatus: e.toStatus,
          note: e.note,
          side: e.side,
          actorName: person(e.actorUserId),
          occurredAt: e.occurredAt.toISOString(),
        })),
    })),
    consents: consentRows.map((c) => {
      const form = forms.find((f) => f.consentId === c.id);
      return {
        id: c.id,
        givenByName: c.givenByName,
        receivingOrganizations: c.receivingOrganizationIds.map((id) => ({ id, name: orgs.get(id) ?? "" })),
        categories: c.categories,
        purposes: c.purposes,
        effectiveOn: c.effectiveOn,
        expiresOn: c.expiresOn,
        method: c.method,
        typedSignature: c.typedSignature,
        signedOn: c.signedOn,
        witnessName: c.witnessName,
        notes: c.notes,
        signedForm: form
          ? {
              fileName: form.fileName,
              contentType: form.contentType,
              sizeBytes: form.sizeBytes,
              uploadedAt: form.uploadedAt.toISOString(),
            }
          : null,
        recordedByName: person(c.recordedBy),
        recordedAt: c.recordedAt.toISOString(),
        revokedAt: iso(c.revokedAt),
        revokedByName: person(c.revokedBy),
        revocationReason: c.revocationReason,
        state: consentState(c, today),
      };
    }),
    breakGlassAccesses: breakGlass.map((b) => ({
      id: b.id,
      accessingOrganizationName: orgs.get(b.accessingOrganizationId) ?? "",
      userName: person(b.userId),
      reason: b.reason,
      openedAt: b.openedAt.toISOString(),
      expiresAt: b.expiresAt.toISOString(),
      reviewOutcome: b.reviewOutcome,
      reviewNote: b.reviewNote,
      reviewedByName: person(b.reviewedBy),
      reviewedAt: iso(b.reviewedAt),
    })),
  };
}
