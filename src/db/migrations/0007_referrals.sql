CREATE TABLE "referral_events" (
	"organization_id" uuid NOT NULL,
	"referral_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"note" text,
	"side" text NOT NULL,
	"actor_user_id" uuid,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referral_events_organization_id_id_pk" PRIMARY KEY("organization_id","id")
);
--> statement-breakpoint
CREATE TABLE "referral_provider_links" (
	"organization_id" uuid NOT NULL,
	"hsds_organization_id" uuid NOT NULL,
	"linked_by" uuid,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referral_provider_links_organization_id_hsds_organization_id_pk" PRIMARY KEY("organization_id","hsds_organization_id")
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"family_id" uuid NOT NULL,
	"plan_revision" integer,
	"goal_index" integer,
	"goal_text" text,
	"service_id" uuid NOT NULL,
	"service_at_location_id" uuid,
	"service_name" text NOT NULL,
	"provider_name" text,
	"hsds_organization_id" uuid,
	"receiving_organization_id" uuid,
	"status" text DEFAULT 'sent' NOT NULL,
	"shared_contact_name" text NOT NULL,
	"shared_language" text NOT NULL,
	"shared_phone" text,
	"shared_reason" text NOT NULL,
	"sent_by" uuid,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referrals_organization_id_id_pk" PRIMARY KEY("organization_id","id")
);
--> statement-breakpoint
ALTER TABLE "referral_events" ADD CONSTRAINT "referral_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_events" ADD CONSTRAINT "referral_events_organization_id_referral_id_referrals_organization_id_id_fk" FOREIGN KEY ("organization_id","referral_id") REFERENCES "public"."referrals"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_provider_links" ADD CONSTRAINT "referral_provider_links_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_provider_links" ADD CONSTRAINT "referral_provider_links_linked_by_users_id_fk" FOREIGN KEY ("linked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_receiving_organization_id_organizations_id_fk" FOREIGN KEY ("receiving_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_sent_by_users_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_organization_id_family_id_families_organization_id_id_fk" FOREIGN KEY ("organization_id","family_id") REFERENCES "public"."families"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "referral_events_referral_idx" ON "referral_events" USING btree ("organization_id","referral_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "referral_provider_links_hsds_key" ON "referral_provider_links" USING btree ("hsds_organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_id_key" ON "referrals" USING btree ("id");--> statement-breakpoint
CREATE INDEX "referrals_org_family_idx" ON "referrals" USING btree ("organization_id","family_id","sent_at");--> statement-breakpoint
CREATE INDEX "referrals_receiver_idx" ON "referrals" USING btree ("receiving_organization_id","status","sent_at");