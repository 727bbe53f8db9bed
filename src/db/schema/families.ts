/**
 * Family support coordination (seed 003): families served by an organization, their members, the
 * assessments of strengths and needs, service plan revisions, contacts and closures. Every table is owned
 * by the serving organization and keyed by organization_id first.
 */
import { sql } from "drizzle-orm";
import {
  boolean,
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
import { organizations } from "./organizations.ts";

export const INTENSITY_LEVELS = ["standard", "intensive"] as const;
export type IntensityLevel = (typeof INTENSITY_LEVELS)[number];
export const FAMILY_STATUSES = ["open", "closed", "merged"] as const;
export type FamilyStatus = (typeof FAMILY_STATUSES)[number];
export const CONTACT_KINDS = ["home_visit", "phone", "office", "text", "video", "other"] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];
export const SERVICE_PLAN_STATUSES = ["pending_approval", "active", "superseded"] as const;
export type ServicePlanStatus = (typeof SERVICE_PLAN_STATUSES)[number];

export const families = pgTable(
  "families",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    /** How the family is called on lists ("Garcia family"). */
    displayName: text("display_name").notNull(),
    preferredLanguage: text("preferred_language").notNull().default("en"),
    phone: text("phone"),
    /** Digits only, for search by phone. */
    phoneDigits: text("phone_digits"),
    email: text("email"),
    address: text("address"),
    referralSource: text("referral_source"),
    referralDate: date("referral_date"),
    program: text("program"),
    enrollmentDate: date("enrollment_date"),
    caseManagerUserId: uuid("case_manager_user_id").references(() => users.id, { onDelete: "set null" }),
    status: text("status").$type<FamilyStatus>().notNull().default("open"),
    intensity: text("intensity").$type<IntensityLevel>(),
    intensityReason: text("intensity_reason"),
    intensityDecidedAt: timestamp("intensity_decided_at", { withTimezone: true }),
    /** Set when this record was merged into another (a duplicate found after intake). */
    mergedIntoId: uuid("merged_into_id"),
    version: integer("version").notNull().default(1),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    uniqueIndex("families_id_key").on(t.id),
    index("families_org_case_manager_idx").on(t.organizationId, t.caseManagerUserId, t.status),
    index("families_org_phone_idx")
      .on(t.organizationId, t.phoneDigits)
      .where(sql`${t.phoneDigits} is not null`),
  ],
);

export const familyMembers = pgTable(
  "family_members",
  {
    organizationId: uuid("organization_id").notNull(),
    familyId: uuid("family_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    dateOfBirth: date("date_of_birth"),
    /** parent, guardian, child, grandparent, sibling, partner, other. */
    relationship: text("relationship").notNull(),
    preferredLanguage: text("preferred_language"),
    phone: text("phone"),
    phoneDigits: text("phone_digits"),
    position: integer("position").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.familyId, t.id] }),
    foreignKey({
      columns: [t.organizationId, t.familyId],
      foreignColumns: [families.organizationId, families.id],
    }).onDelete("cascade"),
    index("family_members_org_dob_idx").on(t.organizationId, t.dateOfBirth),
  ],
);

/** One completed instrument: strengths and needs scores per domain and the crisis screen. */
export const familyAssessments = pgTable(
  "family_assessments",
  {
    organizationId: uuid("organization_id").notNull(),
    familyId: uuid("family_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    instrumentKey: text("instrument_key").notNull(),
    instrumentVersion: integer("instrument_version").notNull(),
    assessedOn: date("assessed_on").notNull(),
    /** domain key → score on the instrument's scale. */
    scores: jsonb("scores").$type<Record<string, number>>().notNull(),
    /** Crisis kinds screened positive. */
    crisisKinds: jsonb("crisis_kinds").$type<string[]>().notNull().default([]),
    total: integer("total").notNull(),
    suggestedIntensity: text("suggested_intensity").$type<IntensityLevel>().notNull(),
    notes: text("notes"),
    assessedBy: uuid("assessed_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.familyId, t.id] }),
    foreignKey({
      columns: [t.organizationId, t.familyId],
      foreignColumns: [families.organizationId, families.id],
    }).onDelete("cascade"),
    index("family_assessments_family_idx").on(t.organizationId, t.familyId, t.assessedOn),
  ],
);

export interface ServicePlanStep {
  action: string;
  who: string;
  when: string;
}
export interface ServicePlanGoal {
  /** The goal as the family said it. */
  goal: string;
  domain?: string | undefined;
  steps: ServicePlanStep[];
  servicesNeeded: string[];
}
export interface DisengagementPlan {
  /** When the family expects to move on from case management. */
  when: string;
  how: string;
  /** Tools and information they will need to navigate services on their own. */
  needs: string;
}

/** Each revision of a family's service plan is a row; the newest active one is the plan. */
export const servicePlans = pgTable(
  "service_plans",
  {
    organizationId: uuid("organization_id").notNull(),
    familyId: uuid("family_id").notNull(),
    revision: integer("revision").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    goals: jsonb("goals").$type<ServicePlanGoal[]>().notNull(),
    disengagement: jsonb("disengagement").$type<DisengagementPlan>().notNull(),
    /** Why the plan was revised (empty for the first). */
    changeNote: text("change_note"),
    status: text("status").$type<ServicePlanStatus>().notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    approvedBy: uuid("approved_by").references(() => users.id, { onDelete: "set null" }),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.familyId, t.revision] }),
    foreignKey({
      columns: [t.organizationId, t.familyId],
      foreignColumns: [families.organizationId, families.id],
    }).onDelete("cascade"),
    uniqueIndex("service_plans_id_key").on(t.id),
  ],
);

export const familyContacts = pgTable(
  "family_contacts",
  {
    organizationId: uuid("organization_id").notNull(),
    familyId: uuid("family_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    contactDate: date("contact_date").notNull(),
    kind: text("kind").$type<ContactKind>().notNull(),
    durationMinutes: integer("duration_minutes"),
    notes: text("notes").notNull().default(""),
    /** Monitoring: are the services the family uses appropriate and helpful (per service, free text). */
    servicesReview: jsonb("services_review")
      .$type<{ service: string; appropriate: boolean; helpful: boolean; note?: string | undefined }[]>()
      .notNull()
      .default([]),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.familyId, t.id] }),
    foreignKey({
      columns: [t.organizationId, t.familyId],
      foreignColumns: [families.organizationId, families.id],
    }).onDelete("cascade"),
    index("family_contacts_family_idx").on(t.organizationId, t.familyId, t.contactDate),
  ],
);

/** Disengagement (step 5); reopening sets reopenedAt, so the history of closures stays. */
export const familyClosures = pgTable(
  "family_closures",
  {
    organizationId: uuid("organization_id").notNull(),
    familyId: uuid("family_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    closedOn: date("closed_on").notNull(),
    reason: text("reason").notNull(),
    goalsMet: text("goals_met").notNull(),
    maintenancePlan: text("maintenance_plan").notNull(),
    anticipatedNeeds: text("anticipated_needs").notNull(),
    whereToSeekHelp: text("where_to_seek_help").notNull(),
    closedBy: uuid("closed_by").references(() => users.id, { onDelete: "set null" }),
    reopenedAt: timestamp("reopened_at", { withTimezone: true }),
    reopenReason: text("reopen_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.familyId, t.id] }),
    foreignKey({
      columns: [t.organizationId, t.familyId],
      foreignColumns: [families.organizationId, families.id],
    }).onDelete("cascade"),
  ],
);

/** Per-organization settings of the practice. */
export const familySettings = pgTable("family_settings", {
  organizationId: uuid("organization_id")
    .primaryKey()
    .references(() => organizations.id, { onDelete: "cascade" }),
  /** A service plan (and each revision) waits for a manager's approval before it is active. */
  requirePlanApproval: boolean("require_plan_approval").notNull().default(false),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
