import type { referralEvents } from "../../db/schema/index.ts";
import type { FamilyAccessDecision } from "../consent/consent.policy.ts";
import type { ReferralRow } from "./referrals.repository.ts";
import { availableMoves, type Side } from "./referrals.rules.ts";
import type { ReferralDocument } from "./referrals.schema.ts";

type EventRow = typeof referralEvents.$inferSelect;

/**
 * A referral as one side sees it. The receiver gets the shared snapshot only: no family id or name, no goal
 * (the goal is in the family's words, which the sender did not choose to share).
 */
export function presentReferral(
  row: ReferralRow,
  side: Side,
  context: {
    events: EventRow[];
    organizationNames: Map<string, string>;
    userNames: Map<string, string>;
    familyName: string | null;
    /** The receiver's consent decision for the purpose "referral"; null off Trellis. */
    consent: FamilyAccessDecision | null;
  },
): ReferralDocument {
  const offTrellis = row.receivingOrganizationId === null;
  const sender = side === "sender";
  const consent = context.consent;
  // The receiver sees a part of the snapshot only on a decision that allows it: deny by default.
  const receiverMay = (category: "identity_contact" | "referral_details") =>
    consent !== null && (consent.breakGlass !== null || consent.categories.get(category)?.allowed === true);
  const may = (category: "identity_contact" | "referral_details") => sender || receiverMay(category);
  const receiverWithheld =
    offTrellis || consent?.breakGlass
      ? []
      : (["identity_contact", "referral_details"] as const).flatMap((category) => {
          const d = consent?.categories.get(category) ?? {
            allowed: false,
            reason: "no_consent",
            since: null,
          };
          return d.allowed ? [] : [{ category, reason: d.reason, since: d.since }];
        });
  const withheld = sender ? [] : receiverWithheld;
  return {
    id: row.id,
    version: row.version,
    status: row.status,
    side,
    availableMoves: availableMoves(row.status, side, offTrellis),
    offTrellis,
    senderOrganizationName: context.organizationNames.get(row.organizationId) ?? "",
    sentByName: row.sentBy ? (context.userNames.get(row.sentBy) ?? null) : null,
    receivingOrganizationName: row.receivingOrganizationId
      ? (context.organizationNames.get(row.receivingOrganizationId) ?? null)
      : null,
    service: {
      id: row.serviceId,
      name: row.serviceName,
      providerName: row.providerName,
      serviceAtLocationId: row.serviceAtLocationId,
    },
    shared: {
      contactName: may("identity_contact") ? row.sharedContactName : null,
      preferredLanguage: may("identity_contact") ? row.sharedLanguage : null,
      phone: may("identity_contact") ? row.sharedPhone : null,
      reason: may("referral_details") ? row.sharedReason : null,
    },
    withheld,
    withheldFromReceiver: sender ? receiverWithheld : [],
    family: sender ? { id: row.familyId, displayName: context.familyName ?? "" } : null,
    goal:
      sender && row.planRevision !== null && row.goalIndex !== null
        ? { planRevision: row.planRevision, goalIndex: row.goalIndex, text: row.goalText }
        : null,
    sentAt: row.sentAt.toISOString(),
    emailedTo: sender ? row.emailedTo : null,
    emailedAt: sender ? (row.emailedAt?.toISOString() ?? null) : null,
    acceptedAt: row.acceptedAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    history: context.events.map((e) => ({
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      note: e.note,
      side: e.side,
      actorName: e.actorUserId ? (context.userNames.get(e.actorUserId) ?? null) : null,
      occurredAt: e.occurredAt.toISOString(),
    })),
  };
}
