import { type Static, Type } from "typebox";
import { REFERRAL_STATUSES } from "../../db/schema/referrals.ts";
import { Uuid } from "../../server/schema.ts";
import { Withheld } from "../consent/consent.schema.ts";

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Language = Type.String({ minLength: 2, maxLength: 35, pattern: "^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$" });
export const ReferralStatusSchema = Type.Enum(REFERRAL_STATUSES);
const Side = Type.Enum(["sender", "receiver"]);
const Timestamp = Type.String({ format: "date-time" });

export const ReferralParams = Type.Object({ id: Uuid }, { additionalProperties: false });

export const CreateReferralBody = Type.Object(
  {
    familyId: Uuid,
    /** The goal this referral serves: the plan revision and the goal's position in it (from 0). */
    goal: Type.Optional(
      Type.Object(
        { planRevision: Type.Integer({ minimum: 1 }), goalIndex: Type.Integer({ minimum: 0, maximum: 99 }) },
        { additionalProperties: false },
      ),
    ),
    serviceId: Uuid,
    serviceAtLocationId: Type.Optional(Uuid),
    /** What the receiver will see of the family: chosen by the sender, nothing else is shared. */
    shared: Type.Object(
      {
        contactName: Type.String({ minLength: 1, maxLength: 200 }),
        preferredLanguage: Language,
        phone: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
        reason: Type.String({ minLength: 1, maxLength: 2000 }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type CreateReferralInput = Static<typeof CreateReferralBody>;

export const UpdateReferralStatusBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    status: ReferralStatusSchema,
    /** Reason (declined, not completed, cancelled) or outcome (completed). */
    note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
);
export type UpdateReferralStatusInput = Static<typeof UpdateReferralStatusBody>;

export const ListReferralsQuery = Type.Object(
  { familyId: Type.Optional(Uuid) },
  { additionalProperties: false },
);
export const ListInboundQuery = Type.Object(
  { status: Type.Optional(Type.Enum(["open", "all"])) },
  { additionalProperties: false },
);

export const ReferralEvent = Type.Object({
  fromStatus: Nullable(ReferralStatusSchema),
  toStatus: ReferralStatusSchema,
  note: Nullable(Type.String()),
  side: Side,
  actorName: Nullable(Type.String()),
  occurredAt: Timestamp,
});

export const Referral = Type.Object({
  id: Uuid,
  version: Type.Integer(),
  status: ReferralStatusSchema,
  /** The side the reader is on, and the moves that side may make now. */
  side: Side,
  availableMoves: Type.Array(ReferralStatusSchema),
  offTrellis: Type.Boolean(),
  senderOrganizationName: Type.String(),
  sentByName: Nullable(Type.String()),
  receivingOrganizationName: Nullable(Type.String()),
  service: Type.Object({
    id: Uuid,
    name: Type.String(),
    providerName: Nullable(Type.String()),
    serviceAtLocationId: Nullable(Uuid),
  }),
  /**
   * The snapshot the sender chose to share. On the receiver's side each part shows only while the family's
   * consent covers it for the purpose "referral" (contact: identity_contact; reason: referral_details);
   * otherwise it is null and `withheld` says why (docs/consent.md).
   */
  shared: Type.Object({
    contactName: Nullable(Type.String()),
    preferredLanguage: Nullable(Type.String()),
    phone: Nullable(Type.String()),
    reason: Nullable(Type.String()),
  }),
  withheld: Type.Array(Withheld),
  /** For the sender: what the receiver cannot see for want of consent (record one on the family page). */
  withheldFromReceiver: Type.Array(Withheld),
  /** Only for the sender: the family and the goal. The receiver sees the shared snapshot alone. */
  family: Nullable(Type.Object({ id: Uuid, displayName: Type.String() })),
  goal: Nullable(
    Type.Object({ planRevision: Type.Integer(), goalIndex: Type.Integer(), text: Nullable(Type.String()) }),
  ),
  sentAt: Timestamp,
  /** Off Trellis, for the sender: where and when the referral was last e-mailed to the provider. */
  emailedTo: Nullable(Type.String()),
  emailedAt: Nullable(Timestamp),
  acceptedAt: Nullable(Timestamp),
  closedAt: Nullable(Timestamp),
  history: Type.Array(ReferralEvent),
});
export type ReferralDocument = Static<typeof Referral>;

export const ReferralList = Type.Object({ items: Type.Array(Referral) });

const Figures = Type.Object({
  providerKey: Type.String(),
  providerName: Type.String(),
  sent: Type.Integer(),
  medianHoursToAccept: Nullable(Type.Number()),
  acceptanceRate: Nullable(Type.Number()),
  completionRate: Nullable(Type.Number()),
});
export const ReferralFigures = Type.Object({
  /** Per provider, over the referrals the active organization sent. */
  providers: Type.Array(Figures),
  /** The active organization's own figures as a receiver (null when it received none). */
  asReceiver: Nullable(Figures),
});

export const EmailReferralBody = Type.Object(
  {
    to: Type.String({ format: "email", maxLength: 254 }),
    /** The sender confirms the family agreed to share the snapshot with this provider. */
    familyAgreed: Type.Boolean(),
    locale: Type.Optional(Type.Enum(["en", "es"])),
  },
  { additionalProperties: false },
);

export const ProviderLink = Type.Object({
  hsdsOrganizationId: Uuid,
  name: Type.String(),
  linkedAt: Timestamp,
});
export const CreateProviderLinkBody = Type.Object(
  { hsdsOrganizationId: Uuid },
  { additionalProperties: false },
);
export const ProviderLinkParams = Type.Object({ hsdsOrganizationId: Uuid }, { additionalProperties: false });
