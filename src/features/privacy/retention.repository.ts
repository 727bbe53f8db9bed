/**
 * The writes of retention (retention.service.ts decides what they apply to). Every statement is scoped
 * by the owning organization.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Tx } from "../../db/client.ts";
import {
  consentDocuments,
  consents,
  families,
  familyAnonymizations,
  familyAssessments,
  familyClosures,
  familyContacts,
  familyMembers,
  familyProgramRecords,
  referralEvents,
  referrals,
  servicePlans,
} from "../../db/schema/index.ts";
import { ANONYMIZED_FAMILY_NAME, ANONYMIZED_PERSON_NAME, REDACTED_CONTACT_NAME } from "./retention.rules.ts";

/** Removes what identifies anyone from a family record; ids, dates, statuses and scores stay. */
export async function anonymizeFamily(tx: Tx, organizationId: string, familyId: string, afterMonths: number) {
  const inFamily = (t: { organizationId: AnyPgColumn; familyId: AnyPgColumn }) =>
    and(eq(t.organizationId, organizationId), eq(t.familyId, familyId));
  await tx
    .update(families)
    .set({
      displayName: ANONYMIZED_FAMILY_NAME,
      phone: null,
      phoneDigits: null,
      email: null,
      address: null,
      referralSource: null,
      intensityReason: null,
      updatedAt: new Date(),
      version: sql`${families.version} + 1`,
    })
    .where(and(eq(families.organizationId, organizationId), eq(families.id, familyId)));
  await tx
    .update(familyMembers)
    .set({
      firstName: ANONYMIZED_PERSON_NAME,
      lastName: "",
      dateOfBirth: null,
      phone: null,
      phoneDigits: null,
    })
    .where(inFamily(familyMembers));
  await tx.update(familyContacts).set({ notes: "", servicesReview: [] }).where(inFamily(familyContacts));
  await tx.update(familyAssessments).set({ notes: null }).where(inFamily(familyAssessments));
  await tx
    .update(servicePlans)
    .set({ goals: [], disengagement: { when: "", how: "", needs: "" }, changeNote: null })
    .where(inFamily(servicePlans));
  await tx
    .update(familyClosures)
    .set({
      goalsMet: "",
      maintenancePlan: "",
      anticipatedNeeds: "",
      whereToSeekHelp: "",
      reopenReason: sql`case when ${familyClosures.reopenReason} is null then null else '' end`,
    })
    .where(inFamily(familyClosures));
  await tx.update(familyProgramRecords).set({ summary: "" }).where(inFamily(familyProgramRecords));
  const familyReferrals = tx
    .select({ id: referrals.id })
    .from(referrals)
    .where(and(eq(referrals.organizationId, organizationId), eq(referrals.familyId, familyId)));
  await tx
    .update(referrals)
    .set({ sharedContactName: ANONYMIZED_PERSON_NAME, sharedPhone: null, sharedReason: "", goalText: null })
    .where(and(eq(referrals.organizationId, organizationId), eq(referrals.familyId, familyId)));
  // Status notes (why declined, the outcome) are free text about the family too.
  await tx
    .update(referralEvents)
    .set({ note: null })
    .where(
      and(
        eq(referralEvents.organizationId, organizationId),
        inArray(referralEvents.referralId, familyReferrals),
      ),
    );
  await tx
    .update(consents)
    .set({
      givenByName: ANONYMIZED_PERSON_NAME,
      typedSignature: null,
      witnessName: null,
      notes: null,
      revocationReason: sql`case when ${consents.revocationReason} is null then null else '' end`,
    })
    .where(inFamily(consents));
  await tx.delete(consentDocuments).where(
    and(
      eq(consentDocuments.organizationId, organizationId),
      inArray(
        consentDocuments.consentId,
        tx
          .select({ id: consents.id })
          .from(consents)
          .where(and(eq(consents.organizationId, organizationId), eq(consents.familyId, familyId))),
      ),
    ),
  );
  await tx.insert(familyAnonymizations).values({ organizationId, familyId, ruleAfterMonths: afterMonths });
}

/** Removes the snapshot a finished referral shared with the receiver. */
export async function redactReferral(tx: Tx, organizationId: string, referralId: string) {
  await tx
    .update(referrals)
    .set({ sharedContactName: REDACTED_CONTACT_NAME, sharedPhone: null, sharedReason: "", goalText: null })
    .where(and(eq(referrals.organizationId, organizationId), eq(referrals.id, referralId)));
}

export async function deleteConsentForm(tx: Tx, organizationId: string, consentId: string) {
  await tx
    .delete(consentDocuments)
    .where(
      and(eq(consentDocuments.organizationId, organizationId), eq(consentDocuments.consentId, consentId)),
    );
}
