import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import type { HsdsRecord, HsdsTableName } from "../../db/schema/index.ts";
import { notFound } from "../../server/errors.ts";
import {
  countRows,
  distanceMeters,
  findServices,
  type Page,
  pageOf,
  type ServiceFilters,
  selectRows,
  serviceConditions,
  whereAll,
} from "./directory.queries.ts";
import { nest, recordsWhere, withOrganizationAndProgram } from "./hsds.nesting.ts";

/** The HSDS read API's queries: lists with the spec's paging object, and fully nested objects by id. */

export interface Paging {
  page: number;
  perPage: number;
}
const offsetOf = (p: Paging) => ({ offset: (p.page - 1) * p.perPage, limit: p.perPage });

export async function listServices(
  db: DbOrTx,
  filters: ServiceFilters,
  paging: Paging,
  shape: { minimal?: boolean | undefined; full?: boolean | undefined },
): Promise<Page<HsdsRecord>> {
  const { total, records } = await findServices(db, filters, offsetOf(paging));
  let contents: HsdsRecord[];
  if (shape.minimal) {
    contents = records.map((r) => ({
      id: r.id,
      name: r.name,
      status: r.status,
      ...(r.last_modified ? { last_modified: r.last_modified } : {}),
    }));
  } else if (shape.full) contents = await nest(db, "service", records);
  else contents = await withOrganizationAndProgram(db, records);
  return pageOf(contents, total, paging.page, paging.perPage);
}

export async function getFullService(db: DbOrTx, id: string): Promise<HsdsRecord> {
  const [record] = await recordsWhere(db, "service", "id", [id]);
  if (!record) throw notFound("Service");
  const [full] = await nest(db, "service", [record]);
  return full as HsdsRecord;
}

/** A plain table list (organizations, taxonomies, taxonomy terms) with optional text search on names. */
async function listTable(
  db: DbOrTx,
  table: HsdsTableName,
  dbTable: string,
  paging: Paging,
  search: string | undefined,
  extra: ReturnType<typeof sql>[] = [],
): Promise<{ total: number; records: HsdsRecord[] }> {
  const conditions = [...extra];
  if (search?.trim()) {
    conditions.push(
      sql`(t.name ilike ${`%${search.trim()}%`} or coalesce(t.record->>'description', '') ilike ${`%${search.trim()}%`})`,
    );
  }
  const where = whereAll(conditions);
  const from = sql.raw(`${dbTable} t`);
  const total = await countRows(db, sql`select count(*)::int as n from ${from} where ${where}`);
  const { offset, limit } = offsetOf(paging);
  const rows = await selectRows<{ record: HsdsRecord }>(
    db,
    sql`select t.record from ${from} where ${where} order by t.name, t.id limit ${limit} offset ${offset}`,
  );
  void table;
  return { total, records: rows.map((r) => r.record) };
}

export async function listOrganizations(
  db: DbOrTx,
  paging: Paging,
  options: { search?: string | undefined; full?: boolean | undefined; fullService?: boolean | undefined },
): Promise<Page<HsdsRecord>> {
  const { total, records } = await listTable(
    db,
    "organization",
    "hsds_organizations",
    paging,
    options.search,
  );
  const contents =
    options.full || options.fullService
      ? await nest(db, "organization", records, { compiled: options.fullService === true })
      : records;
  return pageOf(contents, total, paging.page, paging.perPage);
}

export async function getOrganization(db: DbOrTx, id: string, fullService: boolean): Promise<HsdsRecord> {
  const [record] = await recordsWhere(db, "organization", "id", [id]);
  if (!record) throw notFound("Organization");
  const [full] = await nest(db, "organization", [record], { compiled: true });
  if (!full) throw notFound("Organization");
  if (!fullService && Array.isArray(full.services))
    full.services = (full.services as HsdsRecord[]).map(flatOnly);
  return full;
}

/** Only the scalar fields of an object (drops nested arrays and objects). */
function flatOnly(record: HsdsRecord): HsdsRecord {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v === null || typeof v !== "object"));
}

export async function listTaxonomies(db: DbOrTx, paging: Paging, search?: string): Promise<Page<HsdsRecord>> {
  const { total, records } = await listTable(db, "taxonomy", "hsds_taxonomies", paging, search);
  return pageOf(records, total, paging.page, paging.perPage);
}

export async function getTaxonomy(db: DbOrTx, id: string): Promise<HsdsRecord> {
  const [record] = await recordsWhere(db, "taxonomy", "id", [id]);
  if (!record) throw notFound("Taxonomy");
  return record;
}

export async function listTaxonomyTerms(
  db: DbOrTx,
  paging: Paging,
  options: {
    search?: string | undefined;
    taxonomyId?: string | undefined;
    topOnly?: boolean | undefined;
    parentId?: string | undefined;
  },
): Promise<Page<HsdsRecord>> {
  const extra = [];
  if (options.taxonomyId) extra.push(sql`t.taxonomy_id = ${options.taxonomyId}::uuid`);
  if (options.parentId) extra.push(sql`t.parent_id = ${options.parentId}::uuid`);
  if (options.topOnly) extra.push(sql`t.parent_id is null`);
  const { total, records } = await listTable(
    db,
    "taxonomy_term",
    "hsds_taxonomy_terms",
    paging,
    options.search,
    extra,
  );
  const contents = await nest(db, "taxonomy_term", records);
  return pageOf(contents, total, paging.page, paging.perPage);
}

export async function getTaxonomyTerm(db: DbOrTx, id: string): Promise<HsdsRecord> {
  const [record] = await recordsWhere(db, "taxonomy_term", "id", [id]);
  if (!record) throw notFound("Taxonomy term");
  const [full] = await nest(db, "taxonomy_term", [record]);
  return full as HsdsRecord;
}

/**
 * Services at locations. postcode: locations whose address has it, or services whose service area names it;
 * with proximity (meters): locations within that distance of the postcode's centroid, taken as the mean
 * position of the directory's located addresses with that postcode (there is no external geocoder).
 */
export async function listServiceAtLocations(
  db: DbOrTx,
  filters: ServiceFilters & { proximityMeters?: number | undefined },
  paging: Paging,
  full: boolean,
): Promise<Page<HsdsRecord>> {
  const { postcode, proximityMeters, ...serviceFilters } = filters;
  const conditions = [
    sql`exists (select 1 from hsds_services s where s.id = sal.service_id and ${whereAll(serviceConditions(serviceFilters))})`,
  ];
  if (postcode && proximityMeters !== undefined) {
    const [centroid] = await selectRows<{ lat: number | null; lng: number | null }>(
      db,
      sql`select avg(l.latitude) as lat, avg(l.longitude) as lng from hsds_addresses ad
        join hsds_locations l on l.id = ad.location_id where ad.postal_code = ${postcode} and l.latitude is not null`,
    );
    if (centroid?.lat === null || centroid?.lat === undefined || centroid.lng === null) {
      conditions.push(sql`false`);
    } else {
      conditions.push(sql`exists (select 1 from hsds_locations l where l.id = sal.location_id and l.latitude is not null
        and ${distanceMeters(Number(centroid.lat), Number(centroid.lng))} <= ${proximityMeters})`);
    }
  } else if (postcode) {
    conditions.push(sql`(exists (select 1 from hsds_addresses ad where ad.location_id = sal.location_id and ad.postal_code = ${postcode})
      or exists (select 1 from hsds_service_areas sa where sa.service_id = sal.service_id
        and concat_ws(' ', sa.record->>'name', sa.record->>'description', sa.record->>'extent') like ${`%${postcode}%`}))`);
  }
  const where = whereAll(conditions);
  const total = await countRows(
    db,
    sql`select count(*)::int as n from hsds_service_at_locations sal where ${where}`,
  );
  const { offset, limit } = offsetOf(paging);
  const rows = await selectRows<{ record: HsdsRecord }>(
    db,
    sql`select sal.record from hsds_service_at_locations sal where ${where} order by sal.id limit ${limit} offset ${offset}`,
  );
  const records = rows.map((r) => r.record);
  const contents = full
    ? await nest(db, "service_at_location", records, { compiled: true })
    : await salListItems(db, records);
  return pageOf(contents, total, paging.page, paging.perPage);
}

/** A service_at_location list item: flat, with its location and service (the compiled list schema). */
async function salListItems(db: DbOrTx, records: HsdsRecord[]): Promise<HsdsRecord[]> {
  const ids = (key: string) => [
    ...new Set(records.map((r) => r[key]).filter((v): v is string => typeof v === "string")),
  ];
  const locations = await recordsWhere(db, "location", "id", ids("location_id"));
  const services = await withOrganizationAndProgram(
    db,
    await recordsWhere(db, "service", "id", ids("service_id")),
  );
  return records.map((r) => {
    const location = locations.find((l) => l.id === r.location_id);
    const service = services.find((s) => s.id === r.service_id);
    return { ...r, ...(location ? { location } : {}), ...(service ? { service } : {}) };
  });
}

export async function getServiceAtLocation(db: DbOrTx, id: string): Promise<HsdsRecord> {
  const [record] = await recordsWhere(db, "service_at_location", "id", [id]);
  if (!record) throw notFound("Service at location");
  const [full] = await nest(db, "service_at_location", [record], { compiled: true });
  return full as HsdsRecord;
}

/** Every id of a list query, for streaming (format=ndjson) without paging. */
export async function* streamServices(
  db: DbOrTx,
  filters: ServiceFilters,
  shape: { minimal?: boolean | undefined; full?: boolean | undefined },
): AsyncGenerator<HsdsRecord> {
  const batch = 500;
  for (let page = 1; ; page++) {
    const result = await listServices(db, filters, { page, perPage: batch }, shape);
    for (const item of result.contents) yield item;
    if (result.last_page || result.contents.length === 0) return;
  }
}
