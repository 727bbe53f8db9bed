/**
 * Closed-loop referrals (issue 6, item 6): a family of the sending organization is referred to a service of
 * the directory. The receiving organization is the Trellis organization linked to the service's provider
 * (`referral_provider_links`); when there is none the referral is "off Trellis" and is printed or phoned in.
 * The receiver sees only the snapshot the sender chose to share (`shared_*` columns), never the family record.
 */
import {
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

export const REFERRAL_STATUSES = [
  "sent",
  "accepted",
  "declined",
  "completed",
  "not_completed",
  "cancelled",
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/**
 * Which Trellis organization receives the referrals for a directory (HSDS) organization. The directory is
 * shared and stewarded by whoever imports it, so the link lives on the receiving side: one Trellis
 * organization answers for an HSDS organization (unique), and a Trellis organization may answer for several.
 */
export const referralProviderLinks = pgTable(
  "referral_provider_links",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    /** hsds_organizations.id — no foreign key, like the directory's own links (data arrive in parts). */
    hsdsOrganizationId: uuid("hsds_organization_id").notNull(),
    linkedBy: uuid("linked_by").references(() => users.id, { onDelete: "set null" }),
    linkedAt: timestamp("linked_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.hsdsOrganizationId] }),
    uniqueIndex("referral_provider_links_hsds_key").on(t.hsdsOrganizationId),
  ],
);

/** Owned by the sending organization (organization_id); the receiver reaches it by receiving_organization_id. */
export const referrals = pgTable(
  "referrals",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    familyId: uuid("family_id").notNull(),
    /** The goal of the service plan this referral serves: its revision and position, and its words then. */
    planRevision: integer("plan_revision"),
    goalIndex: integer("goal_index"),
    goalText: text("goal_text"),
    /** hsds_services.id and hsds_service_at_locations.id: HSDS ids stay stable across re-imports. */
    serviceId: uuid("service_id").notNull(),
    serviceAtLocationId: uuid("service_at_location_id"),
    /** Snapshots, so the referral still reads right if the directory changes. */
    serviceName: text("service_name").notNull(),
    providerName: text("provider_name"),
    hsdsOrganizationId: uuid("hsds_organization_id"),
    /** Null: the provider is not on Trellis ("off Trellis"); the sender records its answers. */
    receivingOrganizationId: uuid("receiving_organization_id").references(() => organizations.id),
    status: text("status").$type<ReferralStatus>().notNull().default("sent"),
    /** The minimum the sender chose to share with the receiver. */
    sharedContactName: text("shared_contact_name").notNull(),
    sharedLanguage: text("shared_language").notNull(),
    sharedPhone: text("shared_phone"),
    sharedReason: text("shared_reason").notNull(),
    /** Off Trellis: the provider address the referral was last e-mailed to, and when. */
    emailedTo: text("emailed_to"),
    emailedAt: timestamp("emailed_at", { withTimezone: true }),
    sentBy: uuid("sent_by").references(() => users.id, { onDelete: "set null" }),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    uniqueIndex("referrals_id_key").on(t.id),
    foreignKey({
      columns: [t.organizationId, t.familyId],
      foreignColumns: [families.organizationId, families.id],
    }).onDelete("cascade"),
    index("referrals_org_family_idx").on(t.organizationId, t.familyId, t.sentAt),
    index("referrals_receiver_idx").on(t.receivingOrganizationId, t.status, t.sentAt),
  ],
);

/** Every change of status, with who made it from which side and why. */
export const referralEvents = pgTable(
  "referral_events",
  {
    organizationId: uuid("organization_id").notNull(),
    referralId: uuid("referral_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    fromStatus: text("from_status").$type<ReferralStatus>(),
    toStatus: text("to_status").$type<ReferralStatus>().notNull(),
    /** The reason (declined, not completed, cancelled) or the outcome (completed). */
    note: text("note"),
    side: text("side").$type<"sender" | "receiver">().notNull(),
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    foreignKey({
      columns: [t.organizationId, t.referralId],
      foreignColumns: [referrals.organizationId, referrals.id],
    }).onDelete("cascade"),
    index("referral_events_referral_idx").on(t.organizationId, t.referralId, t.occurredAt),
  ],
);
