import { type Static, Type } from "typebox";
import {
  OVERLAP_STATUSES,
  TA_ENGAGEMENT_STATUSES,
  TA_LEVELS,
  TA_RECIPIENT_KINDS,
  TA_REQUEST_STATUSES,
} from "../../db/schema/ta.ts";
import { Uuid } from "../../server/schema.ts";
import { SectorSchema } from "./partnerships.schema.ts";

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Timestamp = Type.String({ format: "date-time" });
const IsoDate = Type.String({ format: "date" });
const StateCode = Type.String({ pattern: "^[A-Z]{2}$" });
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
export const TaLevelSchema = Type.Enum(TA_LEVELS);
export const RecipientKindSchema = Type.Enum(TA_RECIPIENT_KINDS);
export const RequestStatusSchema = Type.Enum(TA_REQUEST_STATUSES);
export const EngagementStatusSchema = Type.Enum(TA_ENGAGEMENT_STATUSES);
export const OverlapStatusSchema = Type.Enum(OVERLAP_STATUSES);
const Sectors = Type.Array(SectorSchema, { minItems: 1, maxItems: 6, uniqueItems: true });

export const TaItemParams = Type.Object({ id: Uuid }, { additionalProperties: false });

const recipientFields = {
  recipientKind: RecipientKindSchema,
  recipientName: Text(200),
  recipientOrganizationId: Type.Optional(Nullable(Uuid)),
  /** Required when recipientKind is "partnership". */
  partnershipId: Type.Optional(Nullable(Uuid)),
  county: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  /** Defaults to the active organization's state. */
  stateCode: Type.Optional(StateCode),
};

const requestFields = {
  ...recipientFields,
  topic: Text(300),
  description: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
  sectors: Sectors,
  level: TaLevelSchema,
  wantedFrom: IsoDate,
  wantedTo: IsoDate,
};

export const CreateTaRequestBody = Type.Object(requestFields, { additionalProperties: false });
export type CreateTaRequestInput = Static<typeof CreateTaRequestBody>;

const updateRequestShape = {
  version: Type.Integer({ minimum: 1 }),
  status: Type.Optional(RequestStatusSchema),
  recipientKind: Type.Optional(RecipientKindSchema),
  recipientName: Type.Optional(Text(200)),
  recipientOrganizationId: Type.Optional(Nullable(Uuid)),
  partnershipId: Type.Optional(Nullable(Uuid)),
  county: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  stateCode: Type.Optional(StateCode),
  topic: Type.Optional(Text(300)),
  description: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
  sectors: Type.Optional(Sectors),
  level: Type.Optional(TaLevelSchema),
  wantedFrom: Type.Optional(IsoDate),
  wantedTo: Type.Optional(IsoDate),
};
export const UpdateTaRequestBody = Type.Object(updateRequestShape, { additionalProperties: false });
export type UpdateTaRequestInput = Static<typeof UpdateTaRequestBody>;

export const ListTaRequestsQuery = Type.Object(
  {
    status: Type.Optional(RequestStatusSchema),
    level: Type.Optional(TaLevelSchema),
    sector: Type.Optional(SectorSchema),
    q: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type ListTaRequestsFilters = Static<typeof ListTaRequestsQuery>;

const engagementWork = {
  activities: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
  hours: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 99999 }))),
  participants: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 1_000_000 }))),
  results: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
};

export const CreateTaEngagementBody = Type.Object(
  {
    /** The request it answers: recipient, topic, sectors and level default from it. */
    requestId: Type.Optional(Nullable(Uuid)),
    recipientKind: Type.Optional(RecipientKindSchema),
    recipientName: Type.Optional(Text(200)),
    recipientOrganizationId: recipientFields.recipientOrganizationId,
    partnershipId: recipientFields.partnershipId,
    county: recipientFields.county,
    stateCode: recipientFields.stateCode,
    topic: Type.Optional(Text(300)),
    sectors: Type.Optional(Sectors),
    level: Type.Optional(TaLevelSchema),
    startsOn: IsoDate,
    endsOn: IsoDate,
    ...engagementWork,
  },
  { additionalProperties: false },
);
export type CreateTaEngagementInput = Static<typeof CreateTaEngagementBody>;

export const UpdateTaEngagementBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    status: Type.Optional(EngagementStatusSchema),
    recipientKind: Type.Optional(RecipientKindSchema),
    recipientName: Type.Optional(Text(200)),
    recipientOrganizationId: recipientFields.recipientOrganizationId,
    partnershipId: recipientFields.partnershipId,
    county: recipientFields.county,
    stateCode: recipientFields.stateCode,
    topic: Type.Optional(Text(300)),
    sectors: Type.Optional(Sectors),
    level: Type.Optional(TaLevelSchema),
    startsOn: Type.Optional(IsoDate),
    endsOn: Type.Optional(IsoDate),
    ...engagementWork,
  },
  { additionalProperties: false },
);
export type UpdateTaEngagementInput = Static<typeof UpdateTaEngagementBody>;

export const ListTaEngagementsQuery = Type.Object(
  {
    status: Type.Optional(EngagementStatusSchema),
    level: Type.Optional(TaLevelSchema),
    sector: Type.Optional(SectorSchema),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    requestId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type ListTaEngagementsFilters = Static<typeof ListTaEngagementsQuery>;

export const PossibleOverlap = Type.Object({
  overlapId: Uuid,
  kind: Type.Enum(["request", "engagement"]),
  id: Uuid,
  topic: Type.String(),
  recipientName: Type.String(),
  from: Type.String(),
  to: Type.String(),
  /** Who logged the request, or the provider of the engagement. */
  organizationName: Type.String(),
  similarity: Type.Number(),
  reason: Type.String(),
  status: OverlapStatusSchema,
});
export type PossibleOverlapDocument = Static<typeof PossibleOverlap>;

const recipientOut = {
  recipientKind: RecipientKindSchema,
  recipientName: Type.String(),
  recipientOrganizationId: Nullable(Uuid),
  recipientOrganizationName: Nullable(Type.String()),
  partnershipId: Nullable(Uuid),
  partnershipName: Nullable(Type.String()),
  county: Nullable(Type.String()),
  stateCode: Type.String(),
};

const requestOut = {
  id: Uuid,
  version: Type.Integer(),
  status: RequestStatusSchema,
  availableMoves: Type.Array(RequestStatusSchema),
  /** The reader may change it (and move its status). */
  canUpdate: Type.Boolean(),
  organizationId: Uuid,
  organizationName: Type.String(),
  ...recipientOut,
  topic: Type.String(),
  description: Nullable(Type.String()),
  sectors: Type.Array(SectorSchema),
  level: TaLevelSchema,
  wantedFrom: Type.String(),
  wantedTo: Type.String(),
  engagementCount: Type.Integer(),
  createdByName: Nullable(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
};
export const TaRequest = Type.Object(requestOut);
export type TaRequestDocument = Static<typeof TaRequest>;
export const TaRequestDetail = Type.Object({ ...requestOut, possibleOverlaps: Type.Array(PossibleOverlap) });
export type TaRequestDetailDocument = Static<typeof TaRequestDetail>;
export const TaRequestList = Type.Object({ items: Type.Array(TaRequest) });

const engagementOut = {
  id: Uuid,
  version: Type.Integer(),
  status: EngagementStatusSchema,
  availableMoves: Type.Array(EngagementStatusSchema),
  /** The reader may change it (staff of the provider). */
  canUpdate: Type.Boolean(),
  providerOrganizationId: Uuid,
  providerOrganizationName: Type.String(),
  requestId: Nullable(Uuid),
  requestTopic: Nullable(Type.String()),
  ...recipientOut,
  topic: Type.String(),
  sectors: Type.Array(SectorSchema),
  level: TaLevelSchema,
  startsOn: Type.String(),
  endsOn: Type.String(),
  activities: Nullable(Type.String()),
  hours: Nullable(Type.Number()),
  participants: Nullable(Type.Integer()),
  results: Nullable(Type.String()),
  createdByName: Nullable(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
};
export const TaEngagement = Type.Object(engagementOut);
export type TaEngagementDocument = Static<typeof TaEngagement>;
export const TaEngagementDetail = Type.Object({
  ...engagementOut,
  possibleOverlaps: Type.Array(PossibleOverlap),
});
export type TaEngagementDetailDocument = Static<typeof TaEngagementDetail>;
export const TaEngagementList = Type.Object({ items: Type.Array(TaEngagement) });

export const ListTaOverlapsQuery = Type.Object(
  { status: Type.Optional(OverlapStatusSchema) },
  { additionalProperties: false },
);
export const DecideTaOverlapBody = Type.Object(
  {
    decision: Type.Enum(["dismiss", "link"]),
    note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
);
export type DecideTaOverlapInput = Static<typeof DecideTaOverlapBody>;

const OverlapSide = Type.Object({
  kind: Type.Enum(["request", "engagement"]),
  id: Uuid,
  topic: Type.String(),
  recipientName: Type.String(),
  from: Type.String(),
  to: Type.String(),
  organizationName: Type.String(),
  status: Type.String(),
});
export type OverlapSideDocument = Static<typeof OverlapSide>;
export const TaOverlap = Type.Object({
  id: Uuid,
  status: OverlapStatusSchema,
  similarity: Type.Number(),
  reason: Type.String(),
  stateCode: Type.String(),
  a: Nullable(OverlapSide),
  b: Nullable(OverlapSide),
  note: Nullable(Type.String()),
  decidedByName: Nullable(Type.String()),
  decidedAt: Nullable(Timestamp),
  detectedAt: Timestamp,
});
export type TaOverlapDocument = Static<typeof TaOverlap>;
export const TaOverlapList = Type.Object({ items: Type.Array(TaOverlap) });

export const TaDashboard = Type.Object({
  stateCode: Type.String(),
  trainingsHeld: Type.Integer(),
  communitiesReached: Type.Integer(),
  communities: Type.Array(Type.String()),
  engagementsByLevel: Type.Object({ awareness: Type.Integer(), implementation: Type.Integer() }),
  engagementsByStatus: Type.Object({
    planned: Type.Integer(),
    in_progress: Type.Integer(),
    completed: Type.Integer(),
    cancelled: Type.Integer(),
  }),
  engagementHours: Type.Number(),
  participants: Type.Integer(),
  openRequests: Type.Object({ count: Type.Integer(), oldest: Type.Array(TaRequest) }),
  overlapsOpen: Type.Integer(),
});
export type TaDashboardDocument = Static<typeof TaDashboard>;
