import { sql } from "drizzle-orm";
import { boolean, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts.ts";

export const ORGANIZATION_TYPES = [
  "county_child_welfare",
  "probation",
  "welfare_to_work",
  "community_provider",
  "ta_provider",
  "state_agency",
  "partnership",
] as const;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];

export const JURISDICTION_KINDS = ["county", "region", "state"] as const;
export type JurisdictionKind = (typeof JURISDICTION_KINDS)[number];

export const ROLES = ["viewer", "staff", "manager", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const CAPABILITIES = ["privacy_officer", "state_reviewer"] as const;
export type Capability = (typeof CAPABILITIES)[number];

export const organizations = pgTable(
  "organizations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    type: text("type").$type<OrganizationType>().notNull(),
    jurisdictionKind: text("jurisdiction_kind").$type<JurisdictionKind>().notNull(),
    jurisdictionName: text("jurisdiction_name").notNull(),
    /** Two-letter postal code of the state the organization works in; state reviewers see their state's SIPs. */
    stateCode: text("state_code"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("organizations_name_key").on(sql`lower(${t.name})`)],
);

export const memberships = pgTable(
  "memberships",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role").$type<Role>().notNull(),
    title: text("title"),
    privacyOfficer: boolean("privacy_officer").notNull().default(false),
    stateReviewer: boolean("state_reviewer").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.userId] }), index("memberships_user_idx").on(t.userId)],
);

export const invitations = pgTable(
  "invitations",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    email: text("email").notNull(),
    role: text("role").$type<Role>().notNull(),
    tokenHash: text("token_hash").notNull(),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    uniqueIndex("invitations_token_key").on(t.tokenHash),
  ],
);
