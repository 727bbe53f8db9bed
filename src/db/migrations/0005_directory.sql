CREATE TABLE "hsds_accessibility" (
	"id" uuid PRIMARY KEY NOT NULL,
	"steward_organization_id" uuid NOT NULL,
	"record" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"location_id" uuid
);
--> statement-breakpoint
CREATE TABLE "hsds_addresses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"steward_organization_id" uuid NOT NULL,
	"record" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"location_id" uuid,
	"postal_code" text
);
--> statement-breakpoint
CREATE TABLE "hsds_attributes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"steward_organization_id" uuid NOT NULL,
	"record" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"link_id" uuid,
	"link_type" text,
	"link_entity" text,
	"taxonomy_term_id" uuid
);
--> statement-breakpoint
CREATE TABLE "hsds_contacts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"steward_organization_id" uuid NOT NULL,
	"record" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"organization_id" uuid,
	"service_id" uuid,
	"service_at_location_id" uuid,
	"location_id" uuid
);
--> statement-breakpoint
CREATE TABLE "hsds_cost_options" (
	"id" uuid PRIMARY KEY NOT NULL,
	"steward_organization_id" uuid NOT NULL,
	"record" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"service_id" uuid
);
--> statement-breakpoint
CREATE TABLE "hsds_funding" (
	"id" uuid PRIMARY KEY NOT NULL,
	"steward_organization_id" uuid NOT NULL,
	"record" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"organization_id" uuid,
	"service_id" uuid
);
--> statement-breakpoint
CREATE TABLE "hsds_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"steward_organization_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"format" text NOT NULL,
	"mode" text NOT NULL,
	"created" integer NOT NULL,
	"updated" integer NOT NULL,
	"unchanged" integer NOT NULL,
	"rejected" integer NOT NULL,
	"summary" jsonb NOT NULL,
	"imported_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hsds_languages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"steward_organization_id" uuid NOT NULL,
	"record" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"service_id" uuid,
	"location_id" uuid,
	"phone_id" uuid,
	"code" text
);
--> statement-breakpoint
CREATE TABLE "hsds_locations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"steward_organization_id" uuid NOT NULL,
	"record" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"organization_id" uuid,
	"name" text,
	"location_type" text NOT NULL,
	"latitude" double precision,
	"longitude" double precision
);
--> statement-breakpoint
CREATE TABLE "hsds_meta_table_descriptions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"steward_organization_id" uuid NOT NULL,
	"record" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hsds_metadata" (
	"id" uuid PRIMARY KEY NOT NULL,
	"steward_organization_id" uuid NOT NULL,
	"record" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resource_id" uuid,
	"resource_type" text
);
--> statement-breakpoint
CREATE TABLE "hsds_organization_identifiers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"steward_organization_id" uuid NOT NULL,
	"record" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"organization_id" uuid
);
--> statement-breakpoint
CREATE TABLE "hsds_organizations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"steward_organization_id" uuid NOT NULL,
	"record" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"name" text NOT NULL,
	"parent_organization_id" uuid
);
--> statement-breakpoint
CREATE TABLE "hsds_phones" (
	"id" uuid PRIMARY KEY NOT NULL,
	"steward_organization_id" uuid NOT NULL,
	"record" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"location_id" uuid,
	"service_id" uuid,
	"organization_id" uuid,
	"contact_id" uuid,
	"service_at_location_id" uuid
);
--> statement-breakpoint
CREATE TABLE "hsds_programs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"steward_organization_id" uuid NOT NULL,
	"record" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"organization_id" uuid,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hsds_required_documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"steward_organization_id" uuid NOT NULL,
	"record" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"service_id" uuid
);
--> statement-breakpoint
CREATE TABLE "hsds_schedules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"steward_organization_id" uuid NOT NULL,
	"record" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"service_id" uuid,
	"location_id" uuid,
	"service_at_location_id" uuid
);
--> statement-breakpoint
CREATE TABLE "hsds_service_areas" (
	"id" uuid PRIMARY KEY NOT NULL,
	"steward_organization_id" uuid NOT NULL,
	"record" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"service_id" uuid
);
--> statement-breakpoint
CREATE TABLE "hsds_service_at_locations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"steward_organization_id" uuid NOT NULL,
	"record" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"service_id" uuid,
	"location_id" uuid
);
--> statement-breakpoint
CREATE TABLE "hsds_services" (
	"id" uuid PRIMARY KEY NOT NULL,
	"steward_organization_id" uuid NOT NULL,
	"record" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"organization_id" uuid,
	"program_id" uuid,
	"name" text NOT NULL,
	"status" text NOT NULL,
	"last_modified" timestamp with time zone,
	"search_document" "tsvector"
);
--> statement-breakpoint
CREATE TABLE "hsds_taxonomies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"steward_organization_id" uuid NOT NULL,
	"record" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hsds_taxonomy_terms" (
	"id" uuid PRIMARY KEY NOT NULL,
	"steward_organization_id" uuid NOT NULL,
	"record" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"taxonomy_id" uuid,
	"parent_id" uuid,
	"code" text,
	"name" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "hsds_accessibility" ADD CONSTRAINT "hsds_accessibility_steward_organization_id_organizations_id_fk" FOREIGN KEY ("steward_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hsds_addresses" ADD CONSTRAINT "hsds_addresses_steward_organization_id_organizations_id_fk" FOREIGN KEY ("steward_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hsds_attributes" ADD CONSTRAINT "hsds_attributes_steward_organization_id_organizations_id_fk" FOREIGN KEY ("steward_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hsds_contacts" ADD CONSTRAINT "hsds_contacts_steward_organization_id_organizations_id_fk" FOREIGN KEY ("steward_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hsds_cost_options" ADD CONSTRAINT "hsds_cost_options_steward_organization_id_organizations_id_fk" FOREIGN KEY ("steward_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hsds_funding" ADD CONSTRAINT "hsds_funding_steward_organization_id_organizations_id_fk" FOREIGN KEY ("steward_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hsds_imports" ADD CONSTRAINT "hsds_imports_steward_organization_id_organizations_id_fk" FOREIGN KEY ("steward_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hsds_imports" ADD CONSTRAINT "hsds_imports_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hsds_languages" ADD CONSTRAINT "hsds_languages_steward_organization_id_organizations_id_fk" FOREIGN KEY ("steward_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hsds_locations" ADD CONSTRAINT "hsds_locations_steward_organization_id_organizations_id_fk" FOREIGN KEY ("steward_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hsds_meta_table_descriptions" ADD CONSTRAINT "hsds_meta_table_descriptions_steward_organization_id_organizations_id_fk" FOREIGN KEY ("steward_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hsds_metadata" ADD CONSTRAINT "hsds_metadata_steward_organization_id_organizations_id_fk" FOREIGN KEY ("steward_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hsds_organization_identifiers" ADD CONSTRAINT "hsds_organization_identifiers_steward_organization_id_organizations_id_fk" FOREIGN KEY ("steward_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hsds_organizations" ADD CONSTRAINT "hsds_organizations_steward_organization_id_organizations_id_fk" FOREIGN KEY ("steward_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hsds_phones" ADD CONSTRAINT "hsds_phones_steward_organization_id_organizations_id_fk" FOREIGN KEY ("steward_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hsds_programs" ADD CONSTRAINT "hsds_programs_steward_organization_id_organizations_id_fk" FOREIGN KEY ("steward_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hsds_required_documents" ADD CONSTRAINT "hsds_required_documents_steward_organization_id_organizations_id_fk" FOREIGN KEY ("steward_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hsds_schedules" ADD CONSTRAINT "hsds_schedules_steward_organization_id_organizations_id_fk" FOREIGN KEY ("steward_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hsds_service_areas" ADD CONSTRAINT "hsds_service_areas_steward_organization_id_organizations_id_fk" FOREIGN KEY ("steward_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hsds_service_at_locations" ADD CONSTRAINT "hsds_service_at_locations_steward_organization_id_organizations_id_fk" FOREIGN KEY ("steward_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hsds_services" ADD CONSTRAINT "hsds_services_steward_organization_id_organizations_id_fk" FOREIGN KEY ("steward_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hsds_taxonomies" ADD CONSTRAINT "hsds_taxonomies_steward_organization_id_organizations_id_fk" FOREIGN KEY ("steward_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hsds_taxonomy_terms" ADD CONSTRAINT "hsds_taxonomy_terms_steward_organization_id_organizations_id_fk" FOREIGN KEY ("steward_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "hsds_accessibility_location_idx" ON "hsds_accessibility" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "hsds_addresses_location_idx" ON "hsds_addresses" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "hsds_addresses_postal_idx" ON "hsds_addresses" USING btree ("postal_code");--> statement-breakpoint
CREATE INDEX "hsds_attributes_link_idx" ON "hsds_attributes" USING btree ("link_id");--> statement-breakpoint
CREATE INDEX "hsds_attributes_term_idx" ON "hsds_attributes" USING btree ("taxonomy_term_id");--> statement-breakpoint
CREATE INDEX "hsds_contacts_service_idx" ON "hsds_contacts" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "hsds_contacts_org_idx" ON "hsds_contacts" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "hsds_cost_options_service_idx" ON "hsds_cost_options" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "hsds_funding_service_idx" ON "hsds_funding" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "hsds_funding_org_idx" ON "hsds_funding" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "hsds_imports_steward_idx" ON "hsds_imports" USING btree ("steward_organization_id","created_at");--> statement-breakpoint
CREATE INDEX "hsds_languages_service_idx" ON "hsds_languages" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "hsds_languages_code_idx" ON "hsds_languages" USING btree ("code");--> statement-breakpoint
CREATE INDEX "hsds_locations_org_idx" ON "hsds_locations" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "hsds_locations_point_idx" ON "hsds_locations" USING btree ("latitude","longitude");--> statement-breakpoint
CREATE INDEX "hsds_metadata_resource_idx" ON "hsds_metadata" USING btree ("resource_id");--> statement-breakpoint
CREATE INDEX "hsds_org_identifiers_org_idx" ON "hsds_organization_identifiers" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "hsds_organizations_steward_idx" ON "hsds_organizations" USING btree ("steward_organization_id");--> statement-breakpoint
CREATE INDEX "hsds_phones_service_idx" ON "hsds_phones" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "hsds_phones_location_idx" ON "hsds_phones" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "hsds_phones_org_idx" ON "hsds_phones" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "hsds_programs_org_idx" ON "hsds_programs" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "hsds_required_documents_service_idx" ON "hsds_required_documents" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "hsds_schedules_service_idx" ON "hsds_schedules" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "hsds_schedules_location_idx" ON "hsds_schedules" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "hsds_service_areas_service_idx" ON "hsds_service_areas" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "hsds_sal_service_idx" ON "hsds_service_at_locations" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "hsds_sal_location_idx" ON "hsds_service_at_locations" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "hsds_services_org_idx" ON "hsds_services" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "hsds_services_steward_idx" ON "hsds_services" USING btree ("steward_organization_id");--> statement-breakpoint
CREATE INDEX "hsds_services_search_idx" ON "hsds_services" USING gin ("search_document");--> statement-breakpoint
CREATE INDEX "hsds_taxonomy_terms_taxonomy_idx" ON "hsds_taxonomy_terms" USING btree ("taxonomy_id");--> statement-breakpoint
CREATE INDEX "hsds_taxonomy_terms_parent_idx" ON "hsds_taxonomy_terms" USING btree ("parent_id");