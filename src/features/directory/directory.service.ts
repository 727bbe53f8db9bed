import { sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client.ts";
import { HSDS_TABLES, type HsdsRecord, type HsdsTableName } from "../../db/schema/index.ts";
import { type Actor, authorize } from "../../server/authorization.ts";
import { AppError, notFound } from "../../server/errors.ts";
import { type AuditContext, recordAudit } from "../audit/audit.service.ts";
import {
  distanceMeters,
  pageOf,
  type ServiceFilters,
  selectRows,
  serviceConditions,
  whereAll,
} from "./directory.queries.ts";
import { allRecords } from "./directory.repository.ts";
import { describeHours, isOpenAt } from "./directory.rules.ts";
import { nest, recordsWhere } from "./hsds.nesting.ts";
import { zipPackage } from "./hsds.tabular.ts";

export interface StaffSearch {
  q?: string | undefined;
  taxonomyTermId?: string | undefined;
  language?: string | undefined;
  lat?: number | undefined;
  lng?: number | undefined;
  /** Use a directory location's coordinates as the point. */
  nearLocationId?: string | undefined;
  radiusKm?: number | undefined;
  openNow?: boolean | undefined;
  page: number;
  perPage: number;
}

/** At most this many matches are checked against opening hours for "open now" (then paged). */
const OPEN_NOW_SCAN_LIMIT = 2000;

const authorizeRead = (actor: Actor) =>
  authorize(actor, "directory.read", { type: "hsds_directory", organizationId: actor.activeOrganizationId });

async function pointOf(db: DbOrTx, search: StaffSearch): Promise<{ lat: number; lng: number } | null> {
  if (search.nearLocationId) {
    const [location] = await recordsWhere(db, "location", "id", [search.nearLocationId]);
    if (!location) throw notFound("Location");
    if (typeof location.latitude !== "number" || typeof location.longitude !== "number") {
      throw new AppError("validation.failed", "That location has no coordinates.", [
        { field: "/querystring/nearLocationId", message: "has no latitude and longitude" },
      ]);
    }
    return { lat: location.latitude, lng: location.longitude };
  }
  if (search.lat !== undefined && search.lng !== undefined) return { lat: search.lat, lng: search.lng };
  if (search.lat !== undefined || search.lng !== undefined) {
    throw new AppError("validation.failed", "Give both lat and lng.", [
      {
        field: `/querystring/${search.lat === undefined ? "lat" : "lng"}`,
        message: "is required with the other",
      },
    ]);
  }
  return null;
}

/**
 * Staff search: full text (PostgreSQL), taxonomy term (and its children), language, distance from a point
 * or a known location, open now. Ranked by relevance when searching, else by distance, else by name.
 */
export async function searchServices(
  db: Db,
  actor: Actor,
  search: StaffSearch,
  timeZone: string,
  now = new Date(),
) {
  authorizeRead(actor);
  const point = await pointOf(db, search);
  const filters: ServiceFilters = {
    search: search.q,
    taxonomyTermId: search.taxonomyTermId,
    language: search.language,
    near: point ? { ...point, radiusMeters: (search.radiusKm ?? 40) * 1000 } : undefined,
  };
  const where = whereAll([...serviceConditions(filters), sql`s.status = 'active'`]);
  const nearest = point
    ? sql`(select min(${distanceMeters(point.lat, point.lng)}) from hsds_service_at_locations sal
        join hsds_locations l on l.id = sal.location_id where sal.service_id = s.id)`
    : sql`0`;
  const order = search.q?.trim()
    ? sql`ts_rank(s.search_document, websearch_to_tsquery('english', ${search.q.trim()})) desc, s.name, s.id`
    : point
      ? sql`${nearest}, s.name, s.id`
      : sql`s.name, s.id`;
  const offset = (search.page - 1) * search.perPage;
  let total: number;
  let records: HsdsRecord[];
  if (search.openNow) {
    const all = await selectRows<{ record: HsdsRecord }>(
      db,
      sql`select s.record from hsds_services s where ${where} order by ${order} limit ${OPEN_NOW_SCAN_LIMIT}`,
    );
    const candidates = all.map((r) => r.record);
    const status = await openStatus(db, candidates, timeZone, now);
    const open = candidates.filter((r) => status.get(String(r.id)) === true);
    const items = await present(db, open.slice(offset, offset + search.perPage), point, timeZone, now);
    return pageOf(items, open.length, search.page, search.perPage);
  } else {
    const [counted] = await selectRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from hsds_services s where ${where}`,
    );
    total = Number(counted?.n ?? 0);
    const rows = await selectRows<{ record: HsdsRecord }>(
      db,
      sql`select s.record from hsds_services s where ${where} order by ${order} limit ${search.perPage} offset ${offset}`,
    );
    records = rows.map((r) => r.record);
  }
  const items = await present(db, records, point, timeZone, now);
  return pageOf(items, total, search.page, search.perPage);
}

/** Open now, per service: its own schedules, else those of its locations (one query each, not per service). */
async function openStatus(db: DbOrTx, services: HsdsRecord[], timeZone: string, now: Date) {
  const ids = services.map((s) => String(s.id));
  const [own, sals] = await Promise.all([
    recordsWhere(db, "schedule", "service_id", ids),
    recordsWhere(db, "service_at_location", "service_id", ids),
  ]);
  const locationIds = [
    ...new Set(sals.map((s) => s.location_id).filter((v): v is string => typeof v === "string")),
  ];
  const atLocations = await recordsWhere(db, "schedule", "location_id", locationIds);
  const group = (list: HsdsRecord[], key: string) => {
    const map = new Map<string, HsdsRecord[]>();
    for (const r of list) {
      const k = String(r[key]);
      const bucket = map.get(k);
      if (bucket) bucket.push(r);
      else map.set(k, [r]);
    }
    return map;
  };
  const byService = group(own, "service_id");
  const byLocation = group(atLocations, "location_id");
  const salsByService = group(sals, "service_id");
  return new Map(
    ids.map((id) => {
      const schedules =
        byService.get(id) ??
        (salsByService.get(id) ?? []).flatMap((sal) => byLocation.get(String(sal.location_id)) ?? []);
      return [id, isOpenAt(schedules, now, timeZone)] as const;
    }),
  );
}

const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : null);
/** Imported HSDS data may carry any URI; only a web address becomes a link ("javascript:…" would run on click). */
const webLink = (v: unknown) => {
  const url = str(v);
  return url && /^https?:\/\//i.test(url) ? url : null;
};

function haversineKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const h =
    Math.sin(rad(b.lat - a.lat) / 2) ** 2 +
    Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lng - a.lng) / 2) ** 2;
  return 6371 * 2 * Math.asin(Math.sqrt(h));
}

export function addressLine(address: HsdsRecord | undefined): string | null {
  if (!address) return null;
  return [
    address.address_1,
    address.address_2,
    address.city,
    [address.state_province, address.postal_code].filter(Boolean).join(" "),
  ]
    .filter((p) => typeof p === "string" && p.trim() !== "")
    .join(", ");
}

/** What a case manager needs to call: name, organization, phones, places, languages, categories, hours. */
async function present(
  db: DbOrTx,
  services: HsdsRecord[],
  point: { lat: number; lng: number } | null,
  timeZone: string,
  now: Date,
) {
  const ids = services.map((s) => String(s.id));
  const orgIds = [
    ...new Set(services.map((s) => s.organization_id).filter((v): v is string => typeof v === "string")),
  ];
  const [orgs, phones, languages, attributes, sals, schedules] = await Promise.all([
    recordsWhere(db, "organization", "id", orgIds),
    recordsWhere(db, "phone", "service_id", ids),
    recordsWhere(db, "language", "service_id", ids),
    recordsWhere(db, "attribute", "link_id", ids),
    recordsWhere(db, "service_at_location", "service_id", ids),
    recordsWhere(db, "schedule", "service_id", ids),
  ]);
  const locationIds = [
    ...new Set(sals.map((s) => s.location_id).filter((v): v is string => typeof v === "string")),
  ];
  const termIds = [
    ...new Set(attributes.map((a) => a.taxonomy_term_id).filter((v): v is string => typeof v === "string")),
  ];
  const [locations, addresses, terms, locationSchedules, locationPhones] = await Promise.all([
    recordsWhere(db, "location", "id", locationIds),
    recordsWhere(db, "address", "location_id", locationIds),
    recordsWhere(db, "taxonomy_term", "id", termIds),
    recordsWhere(db, "schedule", "location_id", locationIds),
    recordsWhere(db, "phone", "location_id", locationIds),
  ]);
  return services.map((s) => {
    const org = orgs.find((o) => o.id === s.organization_id);
    const places = sals
      .filter((sal) => sal.service_id === s.id)
      .map((sal) => {
        const location = locations.find((l) => l.id === sal.location_id);
        const address =
          addresses.find((a) => a.location_id === sal.location_id && a.address_type !== "postal") ??
          addresses.find((a) => a.location_id === sal.location_id);
        const lat = typeof location?.latitude === "number" ? location.latitude : null;
        const lng = typeof location?.longitude === "number" ? location.longitude : null;
        return {
          serviceAtLocationId: String(sal.id),
          locationId: str(sal.location_id),
          name: str(location?.name),
          address: addressLine(address),
          postalCode: str(address?.postal_code),
          latitude: lat,
          longitude: lng,
          distanceKm:
            point && lat !== null && lng !== null
              ? Math.round(haversineKm(point, { lat, lng }) * 10) / 10
              : null,
        };
      })
      .sort(
        (a, b) => (a.distanceKm ?? Number.POSITIVE_INFINITY) - (b.distanceKm ?? Number.POSITIVE_INFINITY),
      );
    const ownSchedules = schedules.filter((x) => x.service_id === s.id);
    const effectiveSchedules =
      ownSchedules.length > 0
        ? ownSchedules
        : locationSchedules.filter((x) => places.some((p) => p.locationId === x.location_id));
    const servicePhones = phones.filter((p) => p.service_id === s.id);
    const effectivePhones =
      servicePhones.length > 0
        ? servicePhones
        : locationPhones.filter((p) => places.some((pl) => pl.locationId === p.location_id));
    const description = str(s.description) ?? "";
    return {
      id: String(s.id),
      name: String(s.name),
      description: description.length > 300 ? `${description.slice(0, 297)}…` : description,
      status: String(s.status),
      url: webLink(s.url),
      email: str(s.email),
      organization: org ? { id: String(org.id), name: String(org.name) } : null,
      phones: effectivePhones.map((p) => ({
        number: String(p.number),
        extension: p.extension == null ? null : String(p.extension),
      })),
      languages: [
        ...new Set(
          languages.filter((l) => l.service_id === s.id).map((l) => str(l.name) ?? str(l.code) ?? ""),
        ),
      ].filter(Boolean),
      taxonomyTerms: attributes
        .filter((a) => a.link_id === s.id)
        .map((a) => terms.find((t) => t.id === a.taxonomy_term_id))
        .filter((t): t is HsdsRecord => t !== undefined)
        .map((t) => ({ id: String(t.id), name: String(t.name) })),
      locations: places,
      openNow: isOpenAt(effectiveSchedules, now, timeZone),
      hours: describeHours(effectiveSchedules),
    };
  });
}

/** A service for staff: the fully nested HSDS service plus what the search shows (open now, hours). */
export async function getService(db: Db, actor: Actor, id: string, timeZone: string, now = new Date()) {
  authorizeRead(actor);
  const [record] = await recordsWhere(db, "service", "id", [id]);
  if (!record) throw notFound("Service");
  const [summary] = await present(db, [record], null, timeZone, now);
  const [hsds] = await nest(db, "service", [record]);
  return { summary, hsds: hsds as HsdsRecord };
}

/** Taxonomy terms in use, for the search filter. */
export async function listTermsInUse(db: Db, actor: Actor) {
  authorizeRead(actor);
  return selectRows<{ id: string; name: string; code: string | null; services: number }>(
    db,
    sql`select t.id, t.name, t.code, count(distinct a.link_id)::int as services
      from hsds_taxonomy_terms t join hsds_attributes a on a.taxonomy_term_id = t.id
      join hsds_services s on s.id = a.link_id
      group by t.id, t.name, t.code order by t.name`,
  );
}

/** Every table of the directory as flat HSDS records. */
export async function directoryTables(db: DbOrTx): Promise<Map<HsdsTableName, HsdsRecord[]>> {
  const tables = new Map<HsdsTableName, HsdsRecord[]>();
  for (const name of Object.keys(HSDS_TABLES) as HsdsTableName[])
    tables.set(name, await allRecords(db, name));
  return tables;
}

/**
 * The whole directory as HSDS: JSON in the tabular form ({ organization: [...], service: [...] }, valid
 * against the compiled tabular schema) or the zipped CSV data package.
 */
export async function exportHsds(db: Db, actor: Actor, format: "json" | "datapackage", audit: AuditContext) {
  authorizeRead(actor);
  const tables = await directoryTables(db);
  const rows = [...tables.values()].reduce((n, l) => n + l.length, 0);
  await recordAudit(db, audit, {
    action: "directory.export",
    outcome: "success",
    resourceType: "hsds_directory",
    metadata: { format, rows },
  });
  if (format === "json") {
    return {
      kind: "json" as const,
      body: Object.fromEntries([...tables].filter(([, list]) => list.length > 0)),
    };
  }
  return { kind: "zip" as const, body: await zipPackage(tables) };
}
