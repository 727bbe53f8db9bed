import {
  type AnyPgColumn,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./accounts.ts";
import { plans } from "./plans.ts";

const planRef = (t: { organizationId: AnyPgColumn; planId: AnyPgColumn }) =>
  foreignKey({
    columns: [t.organizationId, t.planId],
    foreignColumns: [plans.organizationId, plans.id],
  }).onDelete("cascade");

export const TEAM_CATEGORIES = ["core", "must_consult", "may_consult"] as const;

/** Who developed the SIP: the guide's core representatives and the groups consulted. */
export const sipTeamMembers = pgTable(
  "sip_team_members",
  {
    organizationId: uuid("organization_id").notNull(),
    planId: uuid("plan_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    name: text("name").notNull(),
    affiliation: text("affiliation").notNull(),
    category: text("category").$type<(typeof TEAM_CATEGORIES)[number]>().notNull(),
    representative: text("representative"),
    consulted: text("consulted_how"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.planId, t.id] }), planRef(t)],
);

/** Every move of a plan through its life cycle, with the data the step needs (board approval date…). */
export const planStatusEvents = pgTable(
  "plan_status_events",
  {
    organizationId: uuid("organization_id").notNull(),
    planId: uuid("plan_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    fromStatus: text("from_status").notNull(),
    toStatus: text("to_status").notNull(),
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    note: text("note"),
    data: jsonb("data").$type<Record<string, unknown>>(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.planId, t.id] }),
    planRef(t),
    index("plan_status_events_plan_idx").on(t.planId, t.at),
  ],
);

/** Frozen versions: version 1 at acceptance, then one per accepted annual update. */
export const planVersions = pgTable(
  "plan_versions",
  {
    organizationId: uuid("organization_id").notNull(),
    planId: uuid("plan_id").notNull(),
    version: integer("version").notNull(),
    snapshot: jsonb("snapshot").$type<unknown>().notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }).notNull(),
    /** The anniversary of acceptance, when the annual update (progress report) is due. */
    annualUpdateDue: date("annual_update_due").notNull(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.planId, t.version] }), planRef(t)],
);

/** State review comments per component (item), threaded, open or resolved. */
export const reviewComments = pgTable(
  "review_comments",
  {
    organizationId: uuid("organization_id").notNull(),
    planId: uuid("plan_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    itemId: uuid("item_id"),
    parentId: uuid("parent_id"),
    authorUserId: uuid("author_user_id").references(() => users.id, { onDelete: "set null" }),
    authorOrganizationId: uuid("author_organization_id"),
    body: text("body").notNull(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolvedBy: uuid("resolved_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.planId, t.id] }),
    planRef(t),
    uniqueIndex("review_comments_id_key").on(t.id),
  ],
);

/** A posted plan's public address and comment period. */
export const publicPostings = pgTable(
  "public_postings",
  {
    organizationId: uuid("organization_id").notNull(),
    planId: uuid("plan_id").notNull(),
    slug: text("slug").notNull(),
    commentsOpenFrom: date("comments_open_from").notNull(),
    commentsOpenUntil: date("comments_open_until").notNull(),
    postedAt: timestamp("posted_at", { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.planId] }),
    planRef(t),
    uniqueIndex("public_postings_slug_key").on(t.slug),
  ],
);

export const PUBLIC_COMMENT_STATUSES = ["pending", "published", "rejected"] as const;

export const publicComments = pgTable(
  "public_comments",
  {
    organizationId: uuid("organization_id").notNull(),
    planId: uuid("plan_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    name: text("name"),
    body: text("body").notNull(),
    status: text("status").$type<(typeof PUBLIC_COMMENT_STATUSES)[number]>().notNull().default("pending"),
    response: text("response"),
    moderatedBy: uuid("moderated_by"),
    moderatedAt: timestamp("moderated_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.planId, t.id] }),
    planRef(t),
    uniqueIndex("public_comments_id_key").on(t.id),
  ],
);
