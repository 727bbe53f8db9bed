ALTER TABLE "referrals" ADD COLUMN "emailed_to" text;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "emailed_at" timestamp with time zone;