CREATE TABLE "county_performance" (
	"county" text NOT NULL,
	"measure_code" text NOT NULL,
	"period_end" date NOT NULL,
	"period_label" text NOT NULL,
	"numerator" double precision,
	"denominator" double precision,
	"value" double precision,
	"masked" boolean DEFAULT false NOT NULL,
	"import_id" uuid NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "county_performance_county_measure_code_period_end_pk" PRIMARY KEY("county","measure_code","period_end")
);
--> statement-breakpoint
CREATE TABLE "measures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"unit" text,
	"better" text,
	"national_performance" double precision,
	"safety" boolean DEFAULT false NOT NULL,
	"reference_version" text NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "needs_improvement_overrides" (
	"county" text NOT NULL,
	"measure_code" text NOT NULL,
	"needs_improvement" boolean NOT NULL,
	"reason" text NOT NULL,
	"set_by" uuid,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "needs_improvement_overrides_county_measure_code_pk" PRIMARY KEY("county","measure_code")
);
--> statement-breakpoint
CREATE TABLE "performance_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"rows" integer NOT NULL,
	"imported_by" uuid,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs_improvement_overrides" ADD CONSTRAINT "needs_improvement_overrides_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "performance_imports" ADD CONSTRAINT "performance_imports_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "performance_imports" ADD CONSTRAINT "performance_imports_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "county_performance_code_idx" ON "county_performance" USING btree ("measure_code");--> statement-breakpoint
CREATE UNIQUE INDEX "measures_code_version_key" ON "measures" USING btree ("code","reference_version");