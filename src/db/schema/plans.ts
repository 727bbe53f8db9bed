import { sql } from "drizzle-orm";
import {
  bigserial,
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
import type { TemplateDefinition } from "../../features/templates/template.schema.ts";
import { users } from "./accounts.ts";
import { organizations } from "./organizations.ts";

export const ITEM_STATUSES = ["not_started", "in_progress", "completed", "deferred", "dropped"] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];
export const SHARE_ROLES = ["viewer", "contributor", "editor"] as const;
export type ShareRole = (typeof SHARE_ROLES)[number];

/** Values of the plan's header fields and of its field sections: { header: {...}, sections: { key: {...} } }. */
export interface PlanValues {
  header: Record<string, unknown>;
  sections: Record<string, Record<string, unknown>>;
}

export const plans = pgTable(
  "plans",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    templateKey: text("template_key").notNull(),
    templateVersion: integer("template_version").notNull(),
    /** The template as it was when the plan was made: a later template change never breaks the plan. */
    template: jsonb("template").$type<TemplateDefinition>().notNull(),
    title: text("title").notNull(),
    values: jsonb("values").$type<PlanValues>().notNull(),
    periodStart: date("period_start"),
    periodEnd: date("period_end"),
    /** Lifecycle status of the plan itself (draft; the SIP workflow adds more). */
    status: text("status").notNull().default("draft"),
    version: integer("version").notNull().default(1),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    uniqueIndex("plans_id_key").on(t.id),
    index("plans_org_updated_idx").on(t.organizationId, t.updatedAt),
  ],
);

export const planItems = pgTable(
  "plan_items",
  {
    organizationId: uuid("organization_id").notNull(),
    planId: uuid("plan_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    parentId: uuid("parent_id"),
    /** The section of a root item (children inherit their root's section). */
    section: text("section").notNull(),
    level: text("level").notNull(),
    /** Order among siblings; numbering is derived from it when read, so it stays right after moves. */
    position: integer("position").notNull(),
    title: text("title").notNull().default(""),
    fields: jsonb("fields").$type<Record<string, unknown>>().notNull().default({}),
    status: text("status").$type<ItemStatus>(),
    assigneeUserId: uuid("assignee_user_id").references(() => users.id, { onDelete: "set null" }),
    assigneeOrganizationId: uuid("assignee_organization_id").references(() => organizations.id, {
      onDelete: "set null",
    }),
    /** Free-text responsibility as the documents have it ("CSDWG/Staffer", "Planning Team"). */
    assigneeText: text("assignee_text"),
    dueDate: date("due_date"),
    timeframe: text("timeframe"),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid("updated_by"),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.planId, t.id] }),
    foreignKey({
      columns: [t.organizationId, t.planId],
      foreignColumns: [plans.organizationId, plans.id],
    }).onDelete("cascade"),
    uniqueIndex("plan_items_id_key").on(t.id),
    index("plan_items_plan_idx").on(t.organizationId, t.planId, t.parentId, t.position),
    index("plan_items_assignee_user_idx").on(t.assigneeUserId, t.dueDate),
    index("plan_items_assignee_org_idx").on(t.assigneeOrganizationId, t.dueDate),
    index("plan_items_due_idx").on(t.organizationId, t.dueDate).where(sql`${t.dueDate} is not null`),
  ],
);

/** Dated progress notes with optional evidence link; a status change writes one too. */
export const planItemNotes = pgTable(
  "plan_item_notes",
  {
    organizationId: uuid("organization_id").notNull(),
    planId: uuid("plan_id").notNull(),
    itemId: uuid("item_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    noteDate: date("note_date").notNull(),
    text: text("text").notNull(),
    evidenceUrl: text("evidence_url"),
    statusFrom: text("status_from"),
    statusTo: text("status_to"),
    authorUserId: uuid("author_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.planId, t.id] }),
    foreignKey({
      columns: [t.organizationId, t.planId],
      foreignColumns: [plans.organizationId, plans.id],
    }).onDelete("cascade"),
    index("plan_item_notes_item_idx").on(t.itemId, t.createdAt),
  ],
);

/** Every change to a plan or its items, with before and after, so any change can be seen and undone. */
export const planChanges = pgTable(
  "plan_changes",
  {
    organizationId: uuid("organization_id").notNull(),
    planId: uuid("plan_id").notNull(),
    seq: bigserial("seq", { mode: "number" }).notNull(),
    id: uuid("id").notNull().defaultRandom(),
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    /** plan.update · item.create · item.update · item.move · item.delete · undo */
    kind: text("kind").notNull(),
    itemId: uuid("item_id"),
    before: jsonb("before").$type<unknown>(),
    after: jsonb("after").$type<unknown>(),
    /** Set on a change that an undo reverted. */
    undoneByChangeId: uuid("undone_by_change_id"),
    /** Set on an undo: the change it reverted. */
    undoesChangeId: uuid("undoes_change_id"),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.planId, t.seq] }),
    foreignKey({
      columns: [t.organizationId, t.planId],
      foreignColumns: [plans.organizationId, plans.id],
    }).onDelete("cascade"),
    uniqueIndex("plan_changes_id_key").on(t.id),
    index("plan_changes_item_idx").on(t.itemId),
  ],
);

export const planShares = pgTable(
  "plan_shares",
  {
    organizationId: uuid("organization_id").notNull(),
    planId: uuid("plan_id").notNull(),
    partnerOrganizationId: uuid("partner_organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    role: text("role").$type<ShareRole>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.planId, t.partnerOrganizationId] }),
    foreignKey({
      columns: [t.organizationId, t.planId],
      foreignColumns: [plans.organizationId, plans.id],
    }).onDelete("cascade"),
    index("plan_shares_partner_idx").on(t.partnerOrganizationId),
  ],
);

/** Secret per-user calendar feed URL (iCalendar of due dates). */
export const calendarFeeds = pgTable("calendar_feeds", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  tokenHash: text("token_hash").notNull().unique(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Runs of scheduled jobs; the unique key makes a daily job run once across all app processes. */
export const jobRuns = pgTable(
  "job_runs",
  {
    job: text("job").notNull(),
    runKey: text("run_key").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    result: jsonb("result").$type<Record<string, unknown>>(),
  },
  (t) => [primaryKey({ columns: [t.job, t.runKey] })],
);
