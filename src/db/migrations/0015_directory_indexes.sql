DROP INDEX "hsds_locations_point_idx";--> statement-breakpoint
CREATE INDEX "hsds_locations_point_gist_idx" ON "hsds_locations" USING gist (point("longitude", "latitude"));--> statement-breakpoint
CREATE INDEX "hsds_services_name_idx" ON "hsds_services" USING btree ("name","id");