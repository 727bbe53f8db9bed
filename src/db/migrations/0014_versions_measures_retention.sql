ALTER TABLE "retention_rules" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "measures" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;