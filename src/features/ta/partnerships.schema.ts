import { type Static, Type } from "typebox";
import { COLLABORATION_LEVELS, SECTORS } from "../../db/schema/ta.ts";
import { Uuid } from "../../server/schema.ts";

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Timestamp = Type.String({ format: "date-time" });
const IsoDate = Type.String({ format: "date" });
export const SectorSchema = Type.Enum(SECTORS);
export const CollaborationLevelSchema = Type.Enum(COLLABORATION_LEVELS);
export const GEOGRAPHY_KINDS = ["community", "county", "region", "state"] as const;
const StateCode = Type.String({ pattern: "^[A-Z]{2}$" });
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });

/** Files kept with a partnership: charters, bylaws, minutes. Links have no size limit; files 2 MB. */
export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;

export const PartnershipParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const PartnershipMemberParams = Type.Object(
  { id: Uuid, memberId: Uuid },
  { additionalProperties: false },
);
export const PartnershipDocumentParams = Type.Object(
  { id: Uuid, docId: Uuid },
  { additionalProperties: false },
);

export const ListPartnershipsQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    stateCode: Type.Optional(StateCode),
    sector: Type.Optional(SectorSchema),
  },
  { additionalProperties: false },
);

export const MemberInput = Type.Object(
  {
    name: Text(200),
    sector: SectorSchema,
    organizationId: Type.Optional(Nullable(Uuid)),
    role: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    joinedOn: Type.Optional(Nullable(IsoDate)),
  },
  { additionalProperties: false },
);
export type MemberInputValue = Static<typeof MemberInput>;

const partnershipFields = {
  name: Text(200),
  geographyKind: Type.Enum(GEOGRAPHY_KINDS),
  geographyName: Text(200),
  county: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  stateCode: Type.Optional(Nullable(StateCode)),
  meetingSchedule: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  description: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
};

export const CreatePartnershipBody = Type.Object(
  { ...partnershipFields, members: Type.Optional(Type.Array(MemberInput, { maxItems: 100 })) },
  { additionalProperties: false },
);
export type CreatePartnershipInput = Static<typeof CreatePartnershipBody>;

export const UpdatePartnershipBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    name: Type.Optional(partnershipFields.name),
    geographyKind: Type.Optional(partnershipFields.geographyKind),
    geographyName: Type.Optional(partnershipFields.geographyName),
    county: partnershipFields.county,
    stateCode: partnershipFields.stateCode,
    meetingSchedule: partnershipFields.meetingSchedule,
    description: partnershipFields.description,
  },
  { additionalProperties: false },
);
export type UpdatePartnershipInput = Static<typeof UpdatePartnershipBody>;

/** Either a link (`url`) or a small file (`fileName`, `contentType`, `contentBase64`); the service checks which. */
export const AddDocumentBody = Type.Object(
  {
    title: Text(200),
    kind: Type.Enum(["charter", "bylaws", "minutes", "agreement", "other"]),
    url: Type.Optional(Type.String({ pattern: "^https?://[^\\s]+$", maxLength: 2000 })),
    fileName: Type.Optional(Text(200)),
    contentType: Type.Optional(Type.String({ maxLength: 100, pattern: "^[\\w.+-]+/[\\w.+-]+$" })),
    /** The file, base64 (at most 2 MB decoded). */
    contentBase64: Type.Optional(
      Type.String({ minLength: 1, maxLength: Math.ceil((MAX_DOCUMENT_BYTES * 4) / 3) + 8 }),
    ),
  },
  { additionalProperties: false },
);
export type AddDocumentInput = Static<typeof AddDocumentBody>;

export const RecordLevelBody = Type.Object(
  {
    assessedOn: IsoDate,
    level: CollaborationLevelSchema,
    note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
);
export type RecordLevelInput = Static<typeof RecordLevelBody>;

const summaryFields = {
  id: Uuid,
  version: Type.Integer(),
  name: Type.String(),
  geographyKind: Type.String(),
  geographyName: Type.String(),
  county: Nullable(Type.String()),
  stateCode: Nullable(Type.String()),
  stewardOrganizationId: Uuid,
  stewardOrganizationName: Type.String(),
  /** Sectors of the current members (not left). */
  sectors: Type.Array(SectorSchema),
  memberCount: Type.Integer(),
  currentLevel: Nullable(CollaborationLevelSchema),
  /** The reader may change it (staff of the steward). */
  canManage: Type.Boolean(),
  updatedAt: Timestamp,
};
export const PartnershipSummary = Type.Object(summaryFields);
export type PartnershipSummaryDocument = Static<typeof PartnershipSummary>;
export const PartnershipList = Type.Object({ items: Type.Array(PartnershipSummary) });

export const Partnership = Type.Object({
  ...summaryFields,
  meetingSchedule: Nullable(Type.String()),
  description: Nullable(Type.String()),
  members: Type.Array(
    Type.Object({
      id: Uuid,
      name: Type.String(),
      sector: SectorSchema,
      organizationId: Nullable(Uuid),
      organizationName: Nullable(Type.String()),
      role: Nullable(Type.String()),
      joinedOn: Nullable(Type.String()),
      leftOn: Nullable(Type.String()),
    }),
  ),
  documents: Type.Array(
    Type.Object({
      id: Uuid,
      title: Type.String(),
      kind: Type.String(),
      url: Nullable(Type.String()),
      fileName: Nullable(Type.String()),
      contentType: Nullable(Type.String()),
      sizeBytes: Nullable(Type.Integer()),
      addedByName: Nullable(Type.String()),
      addedAt: Timestamp,
    }),
  ),
  /** Newest first. */
  levels: Type.Array(
    Type.Object({
      id: Uuid,
      assessedOn: Type.String(),
      level: CollaborationLevelSchema,
      note: Nullable(Type.String()),
      recordedByName: Nullable(Type.String()),
      recordedAt: Timestamp,
    }),
  ),
  createdAt: Timestamp,
});
export type PartnershipDocument = Static<typeof Partnership>;
