/**
 * TA coordination and partnerships (issue 8, docs/ta.md): the partnership registry (seed 001's sectors and
 * levels of working together), TA requests and engagements shared across the state's TA network with
 * overlap detection, the peer learning library, and trainings with evaluation surveys (seed 000).
 */
import {
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./accounts.ts";
import { organizations } from "./organizations.ts";

/** The early childhood sectors of seed 001. */
export const SECTORS = [
  "health",
  "mental_health",
  "early_care_education",
  "family_support",
  "child_welfare",
  "parenting_education",
] as const;
export type Sector = (typeof SECTORS)[number];

/** The continuum of working together, from least to most integrated. */
export const COLLABORATION_LEVELS = ["networking", "coordination", "cooperation", "collaboration"] as const;
export type CollaborationLevel = (typeof COLLABORATION_LEVELS)[number];

/** Seed 000's two levels of outreach. */
export const TA_LEVELS = ["awareness", "implementation"] as const;
export type TaLevel = (typeof TA_LEVELS)[number];

export const TA_RECIPIENT_KINDS = ["community", "partnership", "county", "state"] as const;
export type TaRecipientKind = (typeof TA_RECIPIENT_KINDS)[number];

export const TA_REQUEST_STATUSES = [
  "open",
  "planned",
  "in_progress",
  "completed",
  "declined",
  "withdrawn",
] as const;
export type TaRequestStatus = (typeof TA_REQUEST_STATUSES)[number];

export const TA_ENGAGEMENT_STATUSES = ["planned", "in_progress", "completed", "cancelled"] as const;
export type TaEngagementStatus = (typeof TA_ENGAGEMENT_STATUSES)[number];

export const OVERLAP_STATUSES = ["open", "dismissed", "linked"] as const;
export type OverlapStatus = (typeof OVERLAP_STATUSES)[number];

export const RESOURCE_KINDS = ["toolkit", "template", "guide", "report", "other"] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/** A local collaborative, registered by the organization that convenes or supports it (its steward). */
export const partnerships = pgTable(
  "partnerships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    stewardOrganizationId: uuid("steward_organization_id")
      .notNull()
      .references(() => organizations.id),
    name: text("name").notNull(),
    /** community, county, region or state, and its name ("Any County", "Rockford"). */
    geographyKind: text("geography_kind").notNull(),
    geographyName: text("geography_name").notNull(),
    /** The county the partnership sits in, for overlap detection across recipients. */
    county: text("county"),
    stateCode: text("state_code"),
    meetingSchedule: text("meeting_schedule"),
    description: text("description"),
    version: integer("version").notNull().default(1),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("partnerships_state_idx").on(t.stateCode, t.county)],
);

/** A member of a partnership: a Trellis organization or one known only by name. */
export const partnershipMembers = pgTable(
  "partnership_members",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    partnershipId: uuid("partnership_id")
      .notNull()
      .references(() => partnerships.id, { onDelete: "cascade" }),
    organizationId: uuid("organization_id").references(() => organizations.id),
    name: text("name").notNull(),
    sector: text("sector").$type<Sector>().notNull(),
    role: text("role"),
    joinedOn: date("joined_on"),
    leftOn: date("left_on"),
  },
  (t) => [index("partnership_members_partnership_idx").on(t.partnershipId)],
);

/** Charter, bylaws, minutes: linked (a URL) or kept (a small file). */
export const partnershipDocuments = pgTable(
  "partnership_documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    partnershipId: uuid("partnership_id")
      .notNull()
      .references(() => partnerships.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    kind: text("kind").notNull(),
    url: text("url"),
    fileName: text("file_name"),
    contentType: text("content_type"),
    content: bytea("content"),
    addedBy: uuid("added_by").references(() => users.id, { onDelete: "set null" }),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("partnership_documents_partnership_idx").on(t.partnershipId)],
);

/** The level of working together, as assessed on a day: the history shows movement along the continuum. */
export const partnershipLevels = pgTable(
  "partnership_levels",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    partnershipId: uuid("partnership_id")
      .notNull()
      .references(() => partnerships.id, { onDelete: "cascade" }),
    assessedOn: date("assessed_on").notNull(),
    level: text("level").$type<CollaborationLevel>().notNull(),
    note: text("note"),
    recordedBy: uuid("recorded_by").references(() => users.id, { onDelete: "set null" }),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("partnership_levels_partnership_idx").on(t.partnershipId, t.assessedOn)],
);

/** Who receives TA: shared by requests and engagements, so overlap detection compares like with like. */
const recipientColumns = {
  recipientKind: text("recipient_kind").$type<TaRecipientKind>().notNull(),
  recipientName: text("recipient_name").notNull(),
  /** The Trellis organization receiving the TA, when it is on Trellis (it then sees its own). */
  recipientOrganizationId: uuid("recipient_organization_id").references(() => organizations.id),
  partnershipId: uuid("partnership_id").references(() => partnerships.id),
  county: text("county"),
  stateCode: text("state_code").notNull(),
};

export const taRequests = pgTable(
  "ta_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The organization that logged the request (a TA provider, or the recipient itself). */
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    ...recipientColumns,
    topic: text("topic").notNull(),
    description: text("description"),
    sectors: text("sectors").array().$type<Sector[]>().notNull(),
    level: text("level").$type<TaLevel>().notNull(),
    wantedFrom: date("wanted_from").notNull(),
    wantedTo: date("wanted_to").notNull(),
    status: text("status").$type<TaRequestStatus>().notNull().default("open"),
    version: integer("version").notNull().default(1),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("ta_requests_state_window_idx").on(t.stateCode, t.wantedFrom, t.wantedTo),
    index("ta_requests_recipient_idx").on(t.recipientOrganizationId),
  ],
);

/** TA a provider plans or gives, answering a request or on its own initiative. */
export const taEngagements = pgTable(
  "ta_engagements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    providerOrganizationId: uuid("provider_organization_id")
      .notNull()
      .references(() => organizations.id),
    requestId: uuid("request_id").references(() => taRequests.id),
    ...recipientColumns,
    topic: text("topic").notNull(),
    sectors: text("sectors").array().$type<Sector[]>().notNull(),
    level: text("level").$type<TaLevel>().notNull(),
    startsOn: date("starts_on").notNull(),
    endsOn: date("ends_on").notNull(),
    activities: text("activities"),
    hours: numeric("hours", { precision: 7, scale: 2, mode: "number" }),
    participants: integer("participants"),
    results: text("results"),
    status: text("status").$type<TaEngagementStatus>().notNull().default("planned"),
    version: integer("version").notNull().default(1),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("ta_engagements_state_window_idx").on(t.stateCode, t.startsOn, t.endsOn),
    index("ta_engagements_provider_idx").on(t.providerOrganizationId),
  ],
);

/**
 * A possible overlap between two TA items (requests or engagements), found when one is created. Stored in
 * a canonical order (aKey < bKey) so a pair is found once; providers dismiss it or link the two.
 */
export const taOverlaps = pgTable(
  "ta_overlaps",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    stateCode: text("state_code").notNull(),
    /** "request:<uuid>" or "engagement:<uuid>". */
    aKey: text("a_key").notNull(),
    bKey: text("b_key").notNull(),
    /** Topic similarity, 0..1, and why the pair was flagged (same recipient, partnership or county). */
    similarity: numeric("similarity", { precision: 4, scale: 3, mode: "number" }).notNull(),
    reason: text("reason").notNull(),
    status: text("status").$type<OverlapStatus>().notNull().default("open"),
    note: text("note"),
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    detectedAt: timestamp("detected_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("ta_overlaps_pair_key").on(t.aKey, t.bKey),
    index("ta_overlaps_state_idx").on(t.stateCode, t.status),
  ],
);

/** The peer learning library: toolkits, templates, guides — a link or a small file. */
export const libraryResources = pgTable(
  "library_resources",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    kind: text("kind").$type<ResourceKind>().notNull(),
    url: text("url"),
    fileName: text("file_name"),
    contentType: text("content_type"),
    content: bytea("content"),
    sizeBytes: integer("size_bytes"),
    tags: text("tags").array().notNull(),
    sectors: text("sectors").array().$type<Sector[]>().notNull(),
    audiences: text("audiences").array().notNull(),
    sharedBy: uuid("shared_by").references(() => users.id, { onDelete: "set null" }),
    sharedAt: timestamp("shared_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("library_resources_shared_idx").on(t.sharedAt)],
);

export const libraryComments = pgTable(
  "library_comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    resourceId: uuid("resource_id")
      .notNull()
      .references(() => libraryResources.id, { onDelete: "cascade" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    organizationId: uuid("organization_id").references(() => organizations.id),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("library_comments_resource_idx").on(t.resourceId, t.createdAt)],
);

/** A survey definition is data: Likert items and open questions, in English and Spanish, versioned. */
export interface SurveyItem {
  key: string;
  kind: "likert" | "open";
  text: { en: string; es: string };
}
export interface SurveyDefinition {
  key: string;
  version: number;
  title: { en: string; es: string };
  /** Likert scale points, 1..scale, with labels at both ends. */
  scale: number;
  anchors: { low: { en: string; es: string }; high: { en: string; es: string } };
  items: SurveyItem[];
}

export const trainings = pgTable(
  "trainings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    title: text("title").notNull(),
    description: text("description"),
    level: text("level").$type<TaLevel>().notNull(),
    sectors: text("sectors").array().$type<Sector[]>().notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }),
    location: text("location"),
    /** Communities the training reaches (for the work group dashboard). */
    communities: text("communities").array().notNull(),
    stateCode: text("state_code"),
    capacity: integer("capacity"),
    /** The survey definition (frozen copy) participants answer, and the secret of its public link. */
    survey: jsonb("survey").$type<SurveyDefinition>().notNull(),
    surveyToken: text("survey_token").notNull(),
    surveyOpen: boolean("survey_open").notNull().default(true),
    version: integer("version").notNull().default(1),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("trainings_survey_token_key").on(t.surveyToken),
    index("trainings_org_idx").on(t.organizationId, t.startsAt),
  ],
);

export const trainingRegistrations = pgTable(
  "training_registrations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    trainingId: uuid("training_id")
      .notNull()
      .references(() => trainings.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    email: text("email"),
    organizationName: text("organization_name"),
    community: text("community"),
    attended: boolean("attended").notNull().default(false),
    registeredAt: timestamp("registered_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("training_registrations_training_idx").on(t.trainingId)],
);

/** One participant's answers: item key → 1..scale (Likert) or text (open). Anonymous. */
export const surveyResponses = pgTable(
  "survey_responses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    trainingId: uuid("training_id")
      .notNull()
      .references(() => trainings.id, { onDelete: "cascade" }),
    answers: jsonb("answers").$type<Record<string, number | string>>().notNull(),
    locale: text("locale").notNull().default("en"),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("survey_responses_training_idx").on(t.trainingId)],
);
