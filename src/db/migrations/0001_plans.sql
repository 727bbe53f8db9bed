CREATE TABLE "calendar_feeds" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_feeds_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "job_runs" (
	"job" text NOT NULL,
	"run_key" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"result" jsonb,
	CONSTRAINT "job_runs_job_run_key_pk" PRIMARY KEY("job","run_key")
);
--> statement-breakpoint
CREATE TABLE "plan_changes" (
	"organization_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"seq" bigserial NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"actor_user_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" text NOT NULL,
	"item_id" uuid,
	"before" jsonb,
	"after" jsonb,
	"undone_by_change_id" uuid,
	"undoes_change_id" uuid,
	CONSTRAINT "plan_changes_organization_id_plan_id_seq_pk" PRIMARY KEY("organization_id","plan_id","seq")
);
--> statement-breakpoint
CREATE TABLE "plan_item_notes" (
	"organization_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"note_date" date NOT NULL,
	"text" text NOT NULL,
	"evidence_url" text,
	"status_from" text,
	"status_to" text,
	"author_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_item_notes_organization_id_plan_id_id_pk" PRIMARY KEY("organization_id","plan_id","id")
);
--> statement-breakpoint
CREATE TABLE "plan_items" (
	"organization_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"parent_id" uuid,
	"section" text NOT NULL,
	"level" text NOT NULL,
	"position" integer NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"fields" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text,
	"assignee_user_id" uuid,
	"assignee_organization_id" uuid,
	"assignee_text" text,
	"due_date" date,
	"timeframe" text,
	"completed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "plan_items_organization_id_plan_id_id_pk" PRIMARY KEY("organization_id","plan_id","id")
);
--> statement-breakpoint
CREATE TABLE "plan_shares" (
	"organization_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"partner_organization_id" uuid NOT NULL,
	"role" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_shares_organization_id_plan_id_partner_organization_id_pk" PRIMARY KEY("organization_id","plan_id","partner_organization_id")
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"template_key" text NOT NULL,
	"template_version" integer NOT NULL,
	"template" jsonb NOT NULL,
	"title" text NOT NULL,
	"values" jsonb NOT NULL,
	"period_start" date,
	"period_end" date,
	"status" text DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "plans_organization_id_id_pk" PRIMARY KEY("organization_id","id")
);
--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_changes" ADD CONSTRAINT "plan_changes_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_changes" ADD CONSTRAINT "plan_changes_organization_id_plan_id_plans_organization_id_id_fk" FOREIGN KEY ("organization_id","plan_id") REFERENCES "public"."plans"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_item_notes" ADD CONSTRAINT "plan_item_notes_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_item_notes" ADD CONSTRAINT "plan_item_notes_organization_id_plan_id_plans_organization_id_id_fk" FOREIGN KEY ("organization_id","plan_id") REFERENCES "public"."plans"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_assignee_user_id_users_id_fk" FOREIGN KEY ("assignee_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_assignee_organization_id_organizations_id_fk" FOREIGN KEY ("assignee_organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_organization_id_plan_id_plans_organization_id_id_fk" FOREIGN KEY ("organization_id","plan_id") REFERENCES "public"."plans"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_shares" ADD CONSTRAINT "plan_shares_partner_organization_id_organizations_id_fk" FOREIGN KEY ("partner_organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_shares" ADD CONSTRAINT "plan_shares_organization_id_plan_id_plans_organization_id_id_fk" FOREIGN KEY ("organization_id","plan_id") REFERENCES "public"."plans"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "plan_changes_id_key" ON "plan_changes" USING btree ("id");--> statement-breakpoint
CREATE INDEX "plan_changes_item_idx" ON "plan_changes" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "plan_item_notes_item_idx" ON "plan_item_notes" USING btree ("item_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_items_id_key" ON "plan_items" USING btree ("id");--> statement-breakpoint
CREATE INDEX "plan_items_plan_idx" ON "plan_items" USING btree ("organization_id","plan_id","parent_id","position");--> statement-breakpoint
CREATE INDEX "plan_items_assignee_user_idx" ON "plan_items" USING btree ("assignee_user_id","due_date");--> statement-breakpoint
CREATE INDEX "plan_items_assignee_org_idx" ON "plan_items" USING btree ("assignee_organization_id","due_date");--> statement-breakpoint
CREATE INDEX "plan_items_due_idx" ON "plan_items" USING btree ("organization_id","due_date") WHERE "plan_items"."due_date" is not null;--> statement-breakpoint
CREATE INDEX "plan_shares_partner_idx" ON "plan_shares" USING btree ("partner_organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plans_id_key" ON "plans" USING btree ("id");--> statement-breakpoint
CREATE INDEX "plans_org_updated_idx" ON "plans" USING btree ("organization_id","updated_at");