CREATE TABLE "plan_status_events" (
	"organization_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"from_status" text NOT NULL,
	"to_status" text NOT NULL,
	"actor_user_id" uuid,
	"note" text,
	"data" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_status_events_organization_id_plan_id_id_pk" PRIMARY KEY("organization_id","plan_id","id")
);
--> statement-breakpoint
CREATE TABLE "plan_versions" (
	"organization_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"accepted_at" timestamp with time zone NOT NULL,
	"annual_update_due" date NOT NULL,
	CONSTRAINT "plan_versions_organization_id_plan_id_version_pk" PRIMARY KEY("organization_id","plan_id","version")
);
--> statement-breakpoint
CREATE TABLE "public_comments" (
	"organization_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text,
	"body" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"response" text,
	"moderated_by" uuid,
	"moderated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "public_comments_organization_id_plan_id_id_pk" PRIMARY KEY("organization_id","plan_id","id")
);
--> statement-breakpoint
CREATE TABLE "public_postings" (
	"organization_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"comments_open_from" date NOT NULL,
	"comments_open_until" date NOT NULL,
	"posted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone,
	CONSTRAINT "public_postings_organization_id_plan_id_pk" PRIMARY KEY("organization_id","plan_id")
);
--> statement-breakpoint
CREATE TABLE "review_comments" (
	"organization_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid,
	"parent_id" uuid,
	"author_user_id" uuid,
	"author_organization_id" uuid,
	"body" text NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_comments_organization_id_plan_id_id_pk" PRIMARY KEY("organization_id","plan_id","id")
);
--> statement-breakpoint
CREATE TABLE "sip_team_members" (
	"organization_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"affiliation" text NOT NULL,
	"category" text NOT NULL,
	"representative" text,
	"consulted_how" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sip_team_members_organization_id_plan_id_id_pk" PRIMARY KEY("organization_id","plan_id","id")
);
--> statement-breakpoint
ALTER TABLE "plan_status_events" ADD CONSTRAINT "plan_status_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_status_events" ADD CONSTRAINT "plan_status_events_organization_id_plan_id_plans_organization_id_id_fk" FOREIGN KEY ("organization_id","plan_id") REFERENCES "public"."plans"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_organization_id_plan_id_plans_organization_id_id_fk" FOREIGN KEY ("organization_id","plan_id") REFERENCES "public"."plans"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_comments" ADD CONSTRAINT "public_comments_organization_id_plan_id_plans_organization_id_id_fk" FOREIGN KEY ("organization_id","plan_id") REFERENCES "public"."plans"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_postings" ADD CONSTRAINT "public_postings_organization_id_plan_id_plans_organization_id_id_fk" FOREIGN KEY ("organization_id","plan_id") REFERENCES "public"."plans"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_comments" ADD CONSTRAINT "review_comments_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_comments" ADD CONSTRAINT "review_comments_organization_id_plan_id_plans_organization_id_id_fk" FOREIGN KEY ("organization_id","plan_id") REFERENCES "public"."plans"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sip_team_members" ADD CONSTRAINT "sip_team_members_organization_id_plan_id_plans_organization_id_id_fk" FOREIGN KEY ("organization_id","plan_id") REFERENCES "public"."plans"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_status_events_plan_idx" ON "plan_status_events" USING btree ("plan_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "public_comments_id_key" ON "public_comments" USING btree ("id");--> statement-breakpoint
CREATE UNIQUE INDEX "public_postings_slug_key" ON "public_postings" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "review_comments_id_key" ON "review_comments" USING btree ("id");