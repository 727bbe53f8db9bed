CREATE TABLE "families" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"display_name" text NOT NULL,
	"preferred_language" text DEFAULT 'en' NOT NULL,
	"phone" text,
	"phone_digits" text,
	"email" text,
	"address" text,
	"referral_source" text,
	"referral_date" date,
	"program" text,
	"enrollment_date" date,
	"case_manager_user_id" uuid,
	"status" text DEFAULT 'open' NOT NULL,
	"intensity" text,
	"intensity_reason" text,
	"intensity_decided_at" timestamp with time zone,
	"merged_into_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "families_organization_id_id_pk" PRIMARY KEY("organization_id","id")
);
--> statement-breakpoint
CREATE TABLE "family_assessments" (
	"organization_id" uuid NOT NULL,
	"family_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"instrument_key" text NOT NULL,
	"instrument_version" integer NOT NULL,
	"assessed_on" date NOT NULL,
	"scores" jsonb NOT NULL,
	"crisis_kinds" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"total" integer NOT NULL,
	"suggested_intensity" text NOT NULL,
	"notes" text,
	"assessed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "family_assessments_organization_id_family_id_id_pk" PRIMARY KEY("organization_id","family_id","id")
);
--> statement-breakpoint
CREATE TABLE "family_closures" (
	"organization_id" uuid NOT NULL,
	"family_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"closed_on" date NOT NULL,
	"reason" text NOT NULL,
	"goals_met" text NOT NULL,
	"maintenance_plan" text NOT NULL,
	"anticipated_needs" text NOT NULL,
	"where_to_seek_help" text NOT NULL,
	"closed_by" uuid,
	"reopened_at" timestamp with time zone,
	"reopen_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "family_closures_organization_id_family_id_id_pk" PRIMARY KEY("organization_id","family_id","id")
);
--> statement-breakpoint
CREATE TABLE "family_contacts" (
	"organization_id" uuid NOT NULL,
	"family_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"contact_date" date NOT NULL,
	"kind" text NOT NULL,
	"duration_minutes" integer,
	"notes" text DEFAULT '' NOT NULL,
	"services_review" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "family_contacts_organization_id_family_id_id_pk" PRIMARY KEY("organization_id","family_id","id")
);
--> statement-breakpoint
CREATE TABLE "family_members" (
	"organization_id" uuid NOT NULL,
	"family_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"date_of_birth" date,
	"relationship" text NOT NULL,
	"preferred_language" text,
	"phone" text,
	"phone_digits" text,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "family_members_organization_id_family_id_id_pk" PRIMARY KEY("organization_id","family_id","id")
);
--> statement-breakpoint
CREATE TABLE "family_settings" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"require_plan_approval" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_plans" (
	"organization_id" uuid NOT NULL,
	"family_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"goals" jsonb NOT NULL,
	"disengagement" jsonb NOT NULL,
	"change_note" text,
	"status" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	CONSTRAINT "service_plans_organization_id_family_id_revision_pk" PRIMARY KEY("organization_id","family_id","revision")
);
--> statement-breakpoint
ALTER TABLE "families" ADD CONSTRAINT "families_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "families" ADD CONSTRAINT "families_case_manager_user_id_users_id_fk" FOREIGN KEY ("case_manager_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "families" ADD CONSTRAINT "families_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_assessments" ADD CONSTRAINT "family_assessments_assessed_by_users_id_fk" FOREIGN KEY ("assessed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_assessments" ADD CONSTRAINT "family_assessments_organization_id_family_id_families_organization_id_id_fk" FOREIGN KEY ("organization_id","family_id") REFERENCES "public"."families"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_closures" ADD CONSTRAINT "family_closures_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_closures" ADD CONSTRAINT "family_closures_organization_id_family_id_families_organization_id_id_fk" FOREIGN KEY ("organization_id","family_id") REFERENCES "public"."families"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_contacts" ADD CONSTRAINT "family_contacts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_contacts" ADD CONSTRAINT "family_contacts_organization_id_family_id_families_organization_id_id_fk" FOREIGN KEY ("organization_id","family_id") REFERENCES "public"."families"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_members" ADD CONSTRAINT "family_members_organization_id_family_id_families_organization_id_id_fk" FOREIGN KEY ("organization_id","family_id") REFERENCES "public"."families"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_settings" ADD CONSTRAINT "family_settings_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_plans" ADD CONSTRAINT "service_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_plans" ADD CONSTRAINT "service_plans_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_plans" ADD CONSTRAINT "service_plans_organization_id_family_id_families_organization_id_id_fk" FOREIGN KEY ("organization_id","family_id") REFERENCES "public"."families"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "families_id_key" ON "families" USING btree ("id");--> statement-breakpoint
CREATE INDEX "families_org_case_manager_idx" ON "families" USING btree ("organization_id","case_manager_user_id","status");--> statement-breakpoint
CREATE INDEX "families_org_phone_idx" ON "families" USING btree ("organization_id","phone_digits") WHERE "families"."phone_digits" is not null;--> statement-breakpoint
CREATE INDEX "family_assessments_family_idx" ON "family_assessments" USING btree ("organization_id","family_id","assessed_on");--> statement-breakpoint
CREATE INDEX "family_contacts_family_idx" ON "family_contacts" USING btree ("organization_id","family_id","contact_date");--> statement-breakpoint
CREATE INDEX "family_members_org_dob_idx" ON "family_members" USING btree ("organization_id","date_of_birth");--> statement-breakpoint
CREATE UNIQUE INDEX "service_plans_id_key" ON "service_plans" USING btree ("id");