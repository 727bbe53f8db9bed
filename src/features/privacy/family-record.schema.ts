/** The whole-record export (right of access) as a documented JSON object: what each key holds. */
import { type Static, Type } from "typebox";
import { CONSENT_METHODS, CONSENT_PURPOSES, DATA_CATEGORIES } from "../../db/schema/index.ts";
import { Uuid } from "../../server/schema.ts";
import { ServicePlan } from "../families/families.schema.ts";
import { AccessReportEntry } from "./access-report.ts";

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const IsoDate = Type.String({ format: "date" });
const DateTime = Type.String({ format: "date-time" });
const Name = Nullable(Type.String());

const RecordFamily = Type.Object({
  id: Uuid,
  displayName: Type.String(),
  preferredLanguage: Type.String(),
  phone: Nullable(Type.String()),
  email: Nullable(Type.String()),
  address: Nullable(Type.String()),
  referralSource: Nullable(Type.String()),
  referralDate: Nullable(IsoDate),
  program: Nullable(Type.String()),
  enrollmentDate: Nullable(IsoDate),
  caseManagerName: Name,
  status: Type.String(),
  intensity: Nullable(Type.String()),
  intensityReason: Nullable(Type.String()),
  intensityDecidedAt: Nullable(DateTime),
  createdByName: Name,
  createdAt: DateTime,
  updatedAt: DateTime,
});

const RecordMember = Type.Object({
  id: Uuid,
  firstName: Type.String(),
  lastName: Type.String(),
  dateOfBirth: Nullable(IsoDate),
  relationship: Type.String(),
  preferredLanguage: Nullable(Type.String()),
  phone: Nullable(Type.String()),
});

const RecordAssessment = Type.Object({
  id: Uuid,
  instrumentKey: Type.String(),
  instrumentVersion: Type.Integer(),
  assessedOn: IsoDate,
  scores: Type.Record(Type.String(), Type.Number()),
  crisisKinds: Type.Array(Type.String()),
  total: Type.Integer(),
  suggestedIntensity: Type.String(),
  notes: Nullable(Type.String()),
  assessedByName: Name,
  createdAt: DateTime,
});

const RecordContact = Type.Object({
  id: Uuid,
  contactDate: IsoDate,
  kind: Type.String(),
  durationMinutes: Nullable(Type.Integer()),
  notes: Type.String(),
  servicesReview: Type.Array(
    Type.Object({
      service: Type.String(),
      appropriate: Type.Boolean(),
      helpful: Type.Boolean(),
      note: Type.Optional(Type.String()),
    }),
  ),
  createdByName: Name,
  createdAt: DateTime,
});

const RecordClosure = Type.Object({
  id: Uuid,
  closedOn: IsoDate,
  reason: Type.String(),
  goalsMet: Type.String(),
  maintenancePlan: Type.String(),
  anticipatedNeeds: Type.String(),
  whereToSeekHelp: Type.String(),
  closedByName: Name,
  reopenedAt: Nullable(DateTime),
  reopenReason: Nullable(Type.String()),
  createdAt: DateTime,
});

const RecordProgramRecord = Type.Object({
  id: Uuid,
  kind: Type.String(),
  recordedOn: IsoDate,
  summary: Type.String(),
  recordedByName: Name,
  createdAt: DateTime,
});

const RecordReferral = Type.Object({
  id: Uuid,
  serviceName: Type.String(),
  providerName: Nullable(Type.String()),
  /** Null: the provider is not on Trellis. */
  receivingOrganizationName: Nullable(Type.String()),
  status: Type.String(),
  goalText: Nullable(Type.String()),
  shared: Type.Object({
    contactName: Type.String(),
    language: Type.String(),
    phone: Nullable(Type.String()),
    reason: Type.String(),
  }),
  sentByName: Name,
  sentAt: DateTime,
  acceptedAt: Nullable(DateTime),
  closedAt: Nullable(DateTime),
  events: Type.Array(
    Type.Object({
      fromStatus: Nullable(Type.String()),
      toStatus: Type.String(),
      note: Nullable(Type.String()),
      side: Type.String(),
      actorName: Name,
      occurredAt: DateTime,
    }),
  ),
});

const RecordConsent = Type.Object({
  id: Uuid,
  givenByName: Type.String(),
  receivingOrganizations: Type.Array(Type.Object({ id: Uuid, name: Type.String() })),
  categories: Type.Array(Type.Enum(DATA_CATEGORIES)),
  purposes: Type.Array(Type.Enum(CONSENT_PURPOSES)),
  effectiveOn: IsoDate,
  expiresOn: Nullable(IsoDate),
  method: Type.Enum(CONSENT_METHODS),
  typedSignature: Nullable(Type.String()),
  signedOn: Nullable(IsoDate),
  witnessName: Nullable(Type.String()),
  notes: Nullable(Type.String()),
  /** The signed form on file: its name and size (the file itself is not part of the export). */
  signedForm: Nullable(
    Type.Object({
      fileName: Type.String(),
      contentType: Type.String(),
      sizeBytes: Type.Integer(),
      uploadedAt: DateTime,
    }),
  ),
  recordedByName: Name,
  recordedAt: DateTime,
  revokedAt: Nullable(DateTime),
  revokedByName: Name,
  revocationReason: Nullable(Type.String()),
  state: Type.Enum(["valid", "not_yet_effective", "expired", "revoked"]),
});

const RecordBreakGlass = Type.Object({
  id: Uuid,
  accessingOrganizationName: Type.String(),
  userName: Name,
  reason: Type.String(),
  openedAt: DateTime,
  expiresAt: DateTime,
  reviewOutcome: Nullable(Type.String()),
  reviewNote: Nullable(Type.String()),
  reviewedByName: Name,
  reviewedAt: Nullable(DateTime),
});

export const FamilyRecord = Type.Object({
  familyId: Uuid,
  organizationName: Type.String(),
  locale: Type.Enum(["en", "es"]),
  generatedAt: DateTime,
  family: RecordFamily,
  members: Type.Array(RecordMember),
  assessments: Type.Array(RecordAssessment),
  /** Every revision, newest first. */
  servicePlanRevisions: Type.Array(ServicePlan),
  contacts: Type.Array(RecordContact),
  closures: Type.Array(RecordClosure),
  programRecords: Type.Array(RecordProgramRecord),
  referrals: Type.Array(RecordReferral),
  consents: Type.Array(RecordConsent),
  breakGlassAccesses: Type.Array(RecordBreakGlass),
  /** Who saw the record: the entries of the access report. */
  accessLog: Type.Array(AccessReportEntry),
});
export type FamilyRecord = Static<typeof FamilyRecord>;
