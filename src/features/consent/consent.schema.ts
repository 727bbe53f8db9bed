import { type Static, Type } from "typebox";
import {
  CONSENT_METHODS,
  CONSENT_PURPOSES,
  DATA_CATEGORIES,
  PROGRAM_RECORD_KINDS,
} from "../../db/schema/consent.ts";
import { Uuid } from "../../server/schema.ts";

const IsoDate = Type.String({ format: "date" });
const DateTime = Type.String({ format: "date-time" });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const DataCategory = Type.Enum(DATA_CATEGORIES);
export const ConsentPurpose = Type.Enum(CONSENT_PURPOSES);
export const ConsentMethod = Type.Enum(CONSENT_METHODS);
export const ConsentState = Type.Enum(["valid", "not_yet_effective", "expired", "revoked"]);
/** Why a category is withheld from the reader. */
export const WithheldReason = Type.Enum([
  "no_consent",
  "purpose_not_covered",
  "not_yet_effective",
  "expired",
  "revoked",
]);

export const ConsentParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const LocaleQuery = Type.Object(
  { locale: Type.Optional(Type.Enum(["en", "es"])) },
  { additionalProperties: false },
);

/** A signed form, sent inline (base64) with the consent: there is no separate file store. */
export const SignedFormInput = Type.Object(
  {
    fileName: Type.String({ minLength: 1, maxLength: 200 }),
    contentType: Type.Enum(["application/pdf", "image/png", "image/jpeg"]),
    /** At most 3 MB once decoded. */
    dataBase64: Type.String({ minLength: 4, maxLength: 4_200_000, pattern: "^[A-Za-z0-9+/=\\s]+$" }),
  },
  { additionalProperties: false },
);

export const CreateConsentBody = Type.Object(
  {
    memberId: Type.Optional(Nullable(Uuid)),
    givenByName: Type.String({ minLength: 1, maxLength: 200 }),
    receivingOrganizationIds: Type.Array(Uuid, { minItems: 1, maxItems: 20, uniqueItems: true }),
    categories: Type.Array(DataCategory, {
      minItems: 1,
      maxItems: DATA_CATEGORIES.length,
      uniqueItems: true,
    }),
    purposes: Type.Array(ConsentPurpose, {
      minItems: 1,
      maxItems: CONSENT_PURPOSES.length,
      uniqueItems: true,
    }),
    effectiveOn: IsoDate,
    expiresOn: Type.Optional(Nullable(IsoDate)),
    method: ConsentMethod,
    typedSignature: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 200 }))),
    signedOn: Type.Optional(Nullable(IsoDate)),
    witnessName: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 200 }))),
    signedForm: Type.Optional(SignedFormInput),
    notes: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
);
export type CreateConsentInput = Static<typeof CreateConsentBody>;

export const RevokeConsentBody = Type.Object(
  {
    reason: Type.String({ minLength: 1, maxLength: 2000 }),
    version: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
);

const NamedOrganization = Type.Object({ id: Uuid, name: Type.String() });

export const ConsentDocument = Type.Object({
  id: Uuid,
  version: Type.Integer(),
  familyId: Uuid,
  organization: NamedOrganization,
  memberId: Nullable(Uuid),
  givenByName: Type.String(),
  receivingOrganizations: Type.Array(NamedOrganization),
  categories: Type.Array(DataCategory),
  purposes: Type.Array(ConsentPurpose),
  effectiveOn: IsoDate,
  expiresOn: Nullable(IsoDate),
  method: ConsentMethod,
  typedSignature: Nullable(Type.String()),
  signedOn: Nullable(IsoDate),
  witnessName: Nullable(Type.String()),
  notes: Nullable(Type.String()),
  signedForm: Nullable(
    Type.Object({
      fileName: Type.String(),
      contentType: Type.String(),
      sizeBytes: Type.Integer(),
      uploadedAt: DateTime,
    }),
  ),
  recordedByName: Nullable(Type.String()),
  recordedAt: DateTime,
  revokedAt: Nullable(DateTime),
  revokedByName: Nullable(Type.String()),
  revocationReason: Nullable(Type.String()),
  state: ConsentState,
});
export type ConsentDocument = Static<typeof ConsentDocument>;

export const ProgramRecordKind = Type.Enum(PROGRAM_RECORD_KINDS);
export const CreateProgramRecordBody = Type.Object(
  {
    kind: ProgramRecordKind,
    recordedOn: IsoDate,
    summary: Type.String({ minLength: 1, maxLength: 4000 }),
  },
  { additionalProperties: false },
);
export const ProgramRecord = Type.Object({
  id: Uuid,
  kind: ProgramRecordKind,
  recordedOn: IsoDate,
  summary: Type.String(),
  recordedByName: Nullable(Type.String()),
  createdAt: DateTime,
});
export type ProgramRecord = Static<typeof ProgramRecord>;

export const SharedFamilyQuery = Type.Object(
  { purpose: Type.Optional(ConsentPurpose) },
  { additionalProperties: false },
);

export const Withheld = Type.Object({
  category: DataCategory,
  reason: WithheldReason,
  /** The day the consent that covered it ended (expired or revoked), when there was one. */
  since: Nullable(IsoDate),
});

const Member = Type.Object({
  firstName: Type.String(),
  lastName: Type.String(),
  dateOfBirth: Nullable(IsoDate),
  relationship: Type.String(),
  preferredLanguage: Nullable(Type.String()),
});

/**
 * A family as another organization sees it: only the sections of the categories it may read now. Every
 * category it may not read is listed in `withheld` with the reason.
 */
export const SharedFamilyDocument = Type.Object({
  familyId: Uuid,
  ownerOrganization: NamedOrganization,
  purpose: ConsentPurpose,
  basis: Type.Enum(["consent", "break_glass"]),
  breakGlass: Nullable(Type.Object({ id: Uuid, expiresAt: DateTime, reason: Type.String() })),
  /** The consents the sections rest on. */
  consentIds: Type.Array(Uuid),
  sections: Type.Object({
    identity_contact: Type.Optional(
      Type.Object({
        displayName: Type.String(),
        preferredLanguage: Type.String(),
        phone: Nullable(Type.String()),
        email: Nullable(Type.String()),
        address: Nullable(Type.String()),
        members: Type.Array(Member),
      }),
    ),
    assessment: Type.Optional(
      Type.Object({
        intensity: Nullable(Type.String()),
        assessments: Type.Array(
          Type.Object({
            assessedOn: IsoDate,
            instrumentKey: Type.String(),
            scores: Type.Record(Type.String(), Type.Number()),
            total: Type.Integer(),
            crisisKinds: Type.Array(Type.String()),
            suggestedIntensity: Type.String(),
          }),
        ),
      }),
    ),
    service_plan: Type.Optional(
      Type.Object({
        revision: Nullable(Type.Integer()),
        goals: Type.Array(
          Type.Object({
            goal: Type.String(),
            domain: Nullable(Type.String()),
            steps: Type.Array(
              Type.Object({ action: Type.String(), who: Type.String(), when: Type.String() }),
            ),
            servicesNeeded: Type.Array(Type.String()),
          }),
        ),
      }),
    ),
    contact_notes: Type.Optional(
      Type.Object({
        contacts: Type.Array(
          Type.Object({ contactDate: IsoDate, kind: Type.String(), notes: Type.String() }),
        ),
      }),
    ),
    referral_details: Type.Optional(
      Type.Object({
        referrals: Type.Array(
          Type.Object({
            serviceName: Type.String(),
            providerName: Nullable(Type.String()),
            status: Type.String(),
            reason: Type.String(),
            sentAt: DateTime,
          }),
        ),
      }),
    ),
    welfare_to_work_eligibility: Type.Optional(
      Type.Object({
        records: Type.Array(Type.Object({ recordedOn: IsoDate, summary: Type.String() })),
      }),
    ),
    child_welfare_history: Type.Optional(
      Type.Object({
        records: Type.Array(Type.Object({ recordedOn: IsoDate, summary: Type.String() })),
      }),
    ),
  }),
  withheld: Type.Array(Withheld),
});
export type SharedFamilyDocument = Static<typeof SharedFamilyDocument>;

export const SharedFamilySummary = Type.Object({
  familyId: Uuid,
  ownerOrganization: NamedOrganization,
  /** Null unless identity and contact details are consented for some purpose. */
  displayName: Nullable(Type.String()),
  /** Category and purpose pairs readable now, from valid consents. */
  grants: Type.Array(Type.Object({ category: DataCategory, purpose: ConsentPurpose })),
  /** The earliest expiry among those consents (null: until revoked). */
  expiresOn: Nullable(IsoDate),
});

export const BreakGlassBody = Type.Object(
  {
    reason: Type.String({ minLength: 20, maxLength: 2000 }),
    purpose: ConsentPurpose,
  },
  { additionalProperties: false },
);
export const BreakGlassAccess = Type.Object({ id: Uuid, familyId: Uuid, expiresAt: DateTime });
