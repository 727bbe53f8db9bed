import { sql } from "drizzle-orm";
import {
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./accounts.ts";
import { organizations } from "./organizations.ts";

/**
 * The service directory, one table per object of Open Referral HSDS 3.0 (the tables of its tabular data
 * package). Every table has:
 *  - `id`: the HSDS identifier (a UUID), kept as given, so re-importing the same data updates in place and a
 *    referral can point at a service or service_at_location id that stays stable across imports;
 *  - `steward_organization_id`: the Trellis organization that maintains the record (the one that imported it).
 *    The directory is read by everyone signed in (and by the public HSDS API when configured so); only the
 *    steward may replace a record (docs/directory.md);
 *  - `record`: the complete flat HSDS record (every field of the table, in HSDS types), validated against
 *    the official JSON schema on import. Export and the HSDS API are built from it, so nothing is lost;
 *  - typed columns, named exactly like their HSDS fields, for what is queried: links between objects,
 *    names, coordinates, postal codes, language codes, taxonomy links.
 */
export type HsdsRecord = Record<string, unknown>;

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

const base = () => ({
  id: uuid("id").primaryKey(),
  steward_organization_id: uuid("steward_organization_id")
    .notNull()
    .references(() => organizations.id),
  record: jsonb("record").$type<HsdsRecord>().notNull(),
  created_at: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updated_at: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const hsdsOrganizations = pgTable(
  "hsds_organizations",
  { ...base(), name: text("name").notNull(), parent_organization_id: uuid("parent_organization_id") },
  (t) => [index("hsds_organizations_steward_idx").on(t.steward_organization_id)],
);

export const hsdsPrograms = pgTable(
  "hsds_programs",
  { ...base(), organization_id: uuid("organization_id"), name: text("name").notNull() },
  (t) => [index("hsds_programs_org_idx").on(t.organization_id)],
);

export const hsdsServices = pgTable(
  "hsds_services",
  {
    ...base(),
    organization_id: uuid("organization_id"),
    program_id: uuid("program_id"),
    name: text("name").notNull(),
    status: text("status").notNull(),
    last_modified: timestamp("last_modified", { withTimezone: true }),
    /** Names, descriptions, organization, taxonomy terms and places, refreshed on every import. */
    search_document: tsvector("search_document"),
  },
  (t) => [
    index("hsds_services_org_idx").on(t.organization_id),
    index("hsds_services_steward_idx").on(t.steward_organization_id),
    index("hsds_services_search_idx").using("gin", t.search_document),
    // The HSDS API and unfiltered staff lists page by name.
    index("hsds_services_name_idx").on(t.name, t.id),
  ],
);

export const hsdsLocations = pgTable(
  "hsds_locations",
  {
    ...base(),
    organization_id: uuid("organization_id"),
    name: text("name"),
    location_type: text("location_type").notNull(),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
  },
  (t) => [
    index("hsds_locations_org_idx").on(t.organization_id),
    // Distance searches look up a bounding box: a GiST index on the point answers it in both dimensions.
    index("hsds_locations_point_gist_idx").using("gist", sql`point(${t.longitude}, ${t.latitude})`),
  ],
);

export const hsdsServiceAtLocations = pgTable(
  "hsds_service_at_locations",
  { ...base(), service_id: uuid("service_id"), location_id: uuid("location_id") },
  (t) => [index("hsds_sal_service_idx").on(t.service_id), index("hsds_sal_location_idx").on(t.location_id)],
);

export const hsdsAddresses = pgTable(
  "hsds_addresses",
  { ...base(), location_id: uuid("location_id"), postal_code: text("postal_code") },
  (t) => [
    index("hsds_addresses_location_idx").on(t.location_id),
    index("hsds_addresses_postal_idx").on(t.postal_code),
  ],
);

export const hsdsPhones = pgTable(
  "hsds_phones",
  {
    ...base(),
    location_id: uuid("location_id"),
    service_id: uuid("service_id"),
    organization_id: uuid("organization_id"),
    contact_id: uuid("contact_id"),
    service_at_location_id: uuid("service_at_location_id"),
  },
  (t) => [
    index("hsds_phones_service_idx").on(t.service_id),
    index("hsds_phones_location_idx").on(t.location_id),
    index("hsds_phones_org_idx").on(t.organization_id),
  ],
);

export const hsdsContacts = pgTable(
  "hsds_contacts",
  {
    ...base(),
    organization_id: uuid("organization_id"),
    service_id: uuid("service_id"),
    service_at_location_id: uuid("service_at_location_id"),
    location_id: uuid("location_id"),
  },
  (t) => [
    index("hsds_contacts_service_idx").on(t.service_id),
    index("hsds_contacts_org_idx").on(t.organization_id),
  ],
);

export const hsdsSchedules = pgTable(
  "hsds_schedules",
  {
    ...base(),
    service_id: uuid("service_id"),
    location_id: uuid("location_id"),
    service_at_location_id: uuid("service_at_location_id"),
  },
  (t) => [
    index("hsds_schedules_service_idx").on(t.service_id),
    index("hsds_schedules_location_idx").on(t.location_id),
  ],
);

export const hsdsLanguages = pgTable(
  "hsds_languages",
  {
    ...base(),
    service_id: uuid("service_id"),
    location_id: uuid("location_id"),
    phone_id: uuid("phone_id"),
    /** ISO 639 code as given (e.g. "en", "spa"); search compares it lower-cased. */
    code: text("code"),
  },
  (t) => [
    index("hsds_languages_service_idx").on(t.service_id),
    index("hsds_languages_location_idx").on(t.location_id),
    index("hsds_languages_code_idx").on(t.code),
  ],
);

export const hsdsTaxonomies = pgTable("hsds_taxonomies", { ...base(), name: text("name").notNull() });

export const hsdsTaxonomyTerms = pgTable(
  "hsds_taxonomy_terms",
  {
    ...base(),
    taxonomy_id: uuid("taxonomy_id"),
    parent_id: uuid("parent_id"),
    code: text("code"),
    name: text("name").notNull(),
  },
  (t) => [
    index("hsds_taxonomy_terms_taxonomy_idx").on(t.taxonomy_id),
    index("hsds_taxonomy_terms_parent_idx").on(t.parent_id),
  ],
);

/** Links any object (link_id, link_type, link_entity) to a taxonomy term: how services are categorized. */
export const hsdsAttributes = pgTable(
  "hsds_attributes",
  {
    ...base(),
    link_id: uuid("link_id"),
    link_type: text("link_type"),
    link_entity: text("link_entity"),
    taxonomy_term_id: uuid("taxonomy_term_id"),
  },
  (t) => [
    index("hsds_attributes_link_idx").on(t.link_id),
    index("hsds_attributes_term_idx").on(t.taxonomy_term_id),
  ],
);

export const hsdsCostOptions = pgTable(
  "hsds_cost_options",
  { ...base(), service_id: uuid("service_id") },
  (t) => [index("hsds_cost_options_service_idx").on(t.service_id)],
);

export const hsdsServiceAreas = pgTable(
  "hsds_service_areas",
  { ...base(), service_id: uuid("service_id") },
  (t) => [index("hsds_service_areas_service_idx").on(t.service_id)],
);

export const hsdsFunding = pgTable(
  "hsds_funding",
  { ...base(), organization_id: uuid("organization_id"), service_id: uuid("service_id") },
  (t) => [
    index("hsds_funding_service_idx").on(t.service_id),
    index("hsds_funding_org_idx").on(t.organization_id),
  ],
);

export const hsdsRequiredDocuments = pgTable(
  "hsds_required_documents",
  { ...base(), service_id: uuid("service_id") },
  (t) => [index("hsds_required_documents_service_idx").on(t.service_id)],
);

export const hsdsAccessibility = pgTable(
  "hsds_accessibility",
  { ...base(), location_id: uuid("location_id") },
  (t) => [index("hsds_accessibility_location_idx").on(t.location_id)],
);

export const hsdsOrganizationIdentifiers = pgTable(
  "hsds_organization_identifiers",
  { ...base(), organization_id: uuid("organization_id") },
  (t) => [index("hsds_org_identifiers_org_idx").on(t.organization_id)],
);

export const hsdsMetadata = pgTable(
  "hsds_metadata",
  { ...base(), resource_id: uuid("resource_id"), resource_type: text("resource_type") },
  (t) => [index("hsds_metadata_resource_idx").on(t.resource_id)],
);

export const hsdsMetaTableDescriptions = pgTable("hsds_meta_table_descriptions", { ...base() });

/** One run of an HSDS import: who, what file, how, and the summary of changes. */
export const hsdsImports = pgTable(
  "hsds_imports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    steward_organization_id: uuid("steward_organization_id")
      .notNull()
      .references(() => organizations.id),
    file_name: text("file_name").notNull(),
    format: text("format").notNull(),
    mode: text("mode").$type<"all_or_nothing" | "valid_only">().notNull(),
    created: integer("created").notNull(),
    updated: integer("updated").notNull(),
    unchanged: integer("unchanged").notNull(),
    rejected: integer("rejected").notNull(),
    summary: jsonb("summary").$type<Record<string, unknown>>().notNull(),
    imported_by: uuid("imported_by").references(() => users.id, { onDelete: "set null" }),
    created_at: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("hsds_imports_steward_idx").on(t.steward_organization_id, t.created_at)],
);

/** Every directory table, keyed by its HSDS table name (the data package's resource name). */
export const HSDS_TABLES = {
  organization: hsdsOrganizations,
  program: hsdsPrograms,
  service: hsdsServices,
  location: hsdsLocations,
  service_at_location: hsdsServiceAtLocations,
  address: hsdsAddresses,
  phone: hsdsPhones,
  contact: hsdsContacts,
  schedule: hsdsSchedules,
  language: hsdsLanguages,
  taxonomy: hsdsTaxonomies,
  taxonomy_term: hsdsTaxonomyTerms,
  attribute: hsdsAttributes,
  cost_option: hsdsCostOptions,
  service_area: hsdsServiceAreas,
  funding: hsdsFunding,
  required_document: hsdsRequiredDocuments,
  accessibility: hsdsAccessibility,
  organization_identifier: hsdsOrganizationIdentifiers,
  metadata: hsdsMetadata,
  meta_table_description: hsdsMetaTableDescriptions,
} as const;
export type HsdsTableName = keyof typeof HSDS_TABLES;
