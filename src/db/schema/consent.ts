/**
 * Consent and confidentiality (issue 7, docs/consent.md): what a family agreed to share, with whom and for
 * what; emergency access without consent (break-glass); retention rules per record type; and the records
 * of program history (welfare-to-work eligibility, child-welfare history) that only consent may share.
 * Everything is owned by the organization that serves the family (organization_id first).
 */
import {
  boolean,
  customType,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./accounts.ts";
import { families } from "./families.ts";
import { organizations } from "./organizations.ts";

export const DATA_CATEGORIES = [
  "identity_contact",
  "assessment",
  "service_plan",
  "contact_notes",
  "referral_details",
  "welfare_to_work_eligibility",
  "child_welfare_history",
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

export const CONSENT_PURPOSES = ["service_coordination", "referral", "joint_case_planning"] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** How consent was given: an uploaded signed form, a typed signature with its date, or verbal with a witness. */
export const CONSENT_METHODS = ["signed_form", "typed_signature", "verbal"] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

export const PROGRAM_RECORD_KINDS = ["welfare_to_work_eligibility", "child_welfare_history"] as const;
export type ProgramRecordKind = (typeof PROGRAM_RECORD_KINDS)[number];

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

export const consents = pgTable(
  "consents",
  {
    /** The sharing organization: the one that serves the family and owns the record. */
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    familyId: uuid("family_id").notNull(),
    /** The household member who gave consent (a parent or guardian), when recorded. */
    memberId: uuid("member_id"),
    /** Who gave it, in their words (kept if the member record changes). */
    givenByName: text("given_by_name").notNull(),
    receivingOrganizationIds: uuid("receiving_organization_ids").array().notNull(),
    categories: text("categories").array().$type<DataCategory[]>().notNull(),
    purposes: text("purposes").array().$type<ConsentPurpose[]>().notNull(),
    effectiveOn: date("effective_on").notNull(),
    /** Null: until revoked. */
    expiresOn: date("expires_on"),
    method: text("method").$type<ConsentMethod>().notNull(),
    /** typed_signature: the name as typed, and the date it was signed. */
    typedSignature: text("typed_signature"),
    signedOn: date("signed_on"),
    /** verbal: the witness (a second staff member or another adult). */
    witnessName: text("witness_name"),
    notes: text("notes"),
    recordedBy: uuid("recorded_by").references(() => users.id, { onDelete: "set null" }),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedBy: uuid("revoked_by").references(() => users.id, { onDelete: "set null" }),
    revocationReason: text("revocation_reason"),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    uniqueIndex("consents_id_key").on(t.id),
    foreignKey({
      columns: [t.organizationId, t.familyId],
      foreignColumns: [families.organizationId, families.id],
    }).onDelete("cascade"),
    index("consents_family_idx").on(t.organizationId, t.familyId),
  ],
);

/** The signed form of a consent (method signed_form), kept in the database: there is no file store. */
export const consentDocuments = pgTable(
  "consent_documents",
  {
    organizationId: uuid("organization_id").notNull(),
    consentId: uuid("consent_id").notNull(),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    content: bytea("content").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    uploadedBy: uuid("uploaded_by").references(() => users.id, { onDelete: "set null" }),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.consentId] }),
    foreignKey({
      columns: [t.organizationId, t.consentId],
      foreignColumns: [consents.organizationId, consents.id],
    }).onDelete("cascade"),
  ],
);

export const BREAK_GLASS_REVIEW_OUTCOMES = ["justified", "not_justified"] as const;
export type BreakGlassReviewOutcome = (typeof BREAK_GLASS_REVIEW_OUTCOMES)[number];

/**
 * An emergency opening of a family's record by another organization without consent. Owned by the
 * family's organization (whose privacy officer reviews it); it grants access until expiresAt.
 */
export const breakGlassAccesses = pgTable(
  "break_glass_accesses",
  {
    organizationId: uuid("organization_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    familyId: uuid("family_id").notNull(),
    accessingOrganizationId: uuid("accessing_organization_id")
      .notNull()
      .references(() => organizations.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    reason: text("reason").notNull(),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    reviewOutcome: text("review_outcome").$type<BreakGlassReviewOutcome>(),
    reviewNote: text("review_note"),
    reviewedBy: uuid("reviewed_by").references(() => users.id, { onDelete: "set null" }),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    uniqueIndex("break_glass_accesses_id_key").on(t.id),
    foreignKey({
      columns: [t.organizationId, t.familyId],
      foreignColumns: [families.organizationId, families.id],
    }).onDelete("cascade"),
    index("break_glass_accesses_family_idx").on(t.familyId, t.accessingOrganizationId, t.expiresAt),
  ],
);

/** Program history the serving organization holds and only consent may share (seed 004's topic areas). */
export const familyProgramRecords = pgTable(
  "family_program_records",
  {
    organizationId: uuid("organization_id").notNull(),
    familyId: uuid("family_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    kind: text("kind").$type<ProgramRecordKind>().notNull(),
    recordedOn: date("recorded_on").notNull(),
    summary: text("summary").notNull(),
    recordedBy: uuid("recorded_by").references(() => users.id, { onDelete: "set null" }),
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

export const RETENTION_RECORD_TYPES = ["closed_family", "finished_referral", "ended_consent_form"] as const;
export type RetentionRecordType = (typeof RETENTION_RECORD_TYPES)[number];

/**
 * One rule per record type and organization: closed family records are anonymized, finished referrals lose
 * their shared snapshot, ended consents lose their signed form, after `afterMonths`. Enabled rules are
 * applied by the daily job; a preview (dry run) lists what would change first.
 */
export const retentionRules = pgTable(
  "retention_rules",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    recordType: text("record_type").$type<RetentionRecordType>().notNull(),
    afterMonths: integer("after_months").notNull(),
    enabled: boolean("enabled").notNull().default(false),
    /** Optimistic concurrency; a rule not yet stored is version 0 to clients (its defaults). */
    version: integer("version").notNull().default(1),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.recordType] })],
);

/** A family record anonymized by retention keeps its row (for counts) but loses what identifies anyone. */
export const familyAnonymizations = pgTable(
  "family_anonymizations",
  {
    organizationId: uuid("organization_id").notNull(),
    familyId: uuid("family_id").notNull(),
    anonymizedAt: timestamp("anonymized_at", { withTimezone: true }).notNull().defaultNow(),
    ruleAfterMonths: integer("rule_after_months").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.familyId] }),
    foreignKey({
      columns: [t.organizationId, t.familyId],
      foreignColumns: [families.organizationId, families.id],
    }).onDelete("cascade"),
  ],
);
