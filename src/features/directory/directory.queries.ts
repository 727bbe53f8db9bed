import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import type { HsdsRecord } from "../../db/schema/index.ts";

/** Great-circle distance in meters between a location row `l` and a point (haversine; no extension needed). */
export const distanceMeters = (lat: number, lng: number) => sql`(6371000 * 2 * asin(sqrt(
  power(sin(radians(l.latitude - ${lat}::float8) / 2), 2) +
  cos(radians(${lat}::float8)) * cos(radians(l.latitude)) * power(sin(radians(l.longitude - ${lng}::float8) / 2), 2))))`;

/** Spellings of common languages in HSDS data: ISO 639-1, ISO 639-2/3 and names. */
const LANGUAGE_ALIASES: Record<string, string[]> = {
  en: ["en", "eng", "english"],
  es: ["es", "spa", "spanish", "español", "espanol"],
  zh: ["zh", "zho", "chi", "chinese", "cantonese", "mandarin", "yue", "cmn"],
  vi: ["vi", "vie", "vietnamese"],
  tl: ["tl", "tgl", "fil", "tagalog", "filipino"],
  ko: ["ko", "kor", "korean"],
  hy: ["hy", "hye", "arm", "armenian"],
  ru: ["ru", "rus", "russian"],
  fa: ["fa", "fas", "per", "persian", "farsi"],
  ar: ["ar", "ara", "arabic"],
  hmn: ["hmn", "hmong"],
  pa: ["pa", "pan", "punjabi"],
};

export function languageVariants(language: string): string[] {
  const key = language.trim().toLowerCase();
  const entry = Object.values(LANGUAGE_ALIASES).find((list) => list.includes(key));
  return entry ?? [key];
}

export interface ServiceFilters {
  search?: string | undefined;
  taxonomyTermId?: string | undefined;
  taxonomyId?: string | undefined;
  organizationId?: string | undefined;
  modifiedAfter?: string | undefined;
  language?: string | undefined;
  /** Services with a location within radiusMeters of the point. */
  near?: { lat: number; lng: number; radiusMeters?: number | undefined } | undefined;
  /** Services with a location whose address has this postal code, or a service area naming it. */
  postcode?: string | undefined;
}

/**
 * The WHERE conditions on a service row `s` for the filters (shared by the HSDS API and staff search).
 * Written as `s.id in (select …)` so PostgreSQL can use the link indexes and hash semi-joins.
 */
export function serviceConditions(f: ServiceFilters): SQL[] {
  const where: SQL[] = [];
  if (f.search?.trim())
    where.push(sql`s.search_document @@ websearch_to_tsquery('english', ${f.search.trim()})`);
  if (f.taxonomyTermId) {
    where.push(sql`s.id in (select a.link_id from hsds_attributes a where a.taxonomy_term_id = ${f.taxonomyTermId}::uuid
      or a.taxonomy_term_id in (select t.id from hsds_taxonomy_terms t where t.parent_id = ${f.taxonomyTermId}::uuid))`);
  }
  if (f.taxonomyId) {
    where.push(sql`s.id in (select a.link_id from hsds_attributes a join hsds_taxonomy_terms t on t.id = a.taxonomy_term_id
      where t.taxonomy_id = ${f.taxonomyId}::uuid)`);
  }
  if (f.organizationId) where.push(sql`s.organization_id = ${f.organizationId}::uuid`);
  if (f.modifiedAfter)
    where.push(sql`coalesce(s.last_modified, s.updated_at) >= ${f.modifiedAfter}::timestamptz`);
  if (f.language) {
    const variants = languageVariants(f.language);
    const list = sql.join(
      variants.map((v) => sql`${v}`),
      sql`, `,
    );
    const spoken = sql`(lower(g.code) in (${list}) or lower(g.record->>'name') in (${list}))`;
    where.push(sql`(s.id in (select g.service_id from hsds_languages g where ${spoken})
      or s.id in (select sal.service_id from hsds_service_at_locations sal
        join hsds_languages g on g.location_id = sal.location_id where ${spoken}))`);
  }
  if (f.near) {
    const radius = f.near.radiusMeters ?? 40_000;
    // A bounding box first (indexed), then the exact distance.
    const dLat = radius / 111_000;
    const dLng = radius / (111_000 * Math.max(0.01, Math.cos((f.near.lat * Math.PI) / 180)));
    where.push(sql`s.id in (select sal.service_id from hsds_service_at_locations sal join hsds_locations l on l.id = sal.location_id
      where point(l.longitude, l.latitude) <@ box(point(${f.near.lng - dLng}::float8, ${f.near.lat - dLat}::float8),
          point(${f.near.lng + dLng}::float8, ${f.near.lat + dLat}::float8))
        and ${distanceMeters(f.near.lat, f.near.lng)} <= ${radius})`);
  }
  if (f.postcode) {
    where.push(sql`(s.id in (select sal.service_id from hsds_service_at_locations sal
        join hsds_addresses ad on ad.location_id = sal.location_id where ad.postal_code = ${f.postcode})
      or s.id in (select sa.service_id from hsds_service_areas sa
        where concat_ws(' ', sa.record->>'name', sa.record->>'description', sa.record->>'extent') like ${`%${f.postcode}%`}))`);
  }
  return where;
}

export const whereAll = (conditions: SQL[]) =>
  conditions.length === 0 ? sql`true` : sql.join(conditions, sql` and `);

export interface Page<T> {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
}

export function pageOf<T>(contents: T[], total: number, page: number, perPage: number): Page<T> {
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: page,
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

/** Records of services matching the filters, ranked by relevance when searching, else by name. */
export async function findServices(
  db: DbOrTx,
  filters: ServiceFilters,
  paging: { offset: number; limit: number },
): Promise<{ total: number; records: HsdsRecord[] }> {
  const where = whereAll(serviceConditions(filters));
  const order = filters.search?.trim()
    ? sql`ts_rank(s.search_document, websearch_to_tsquery('english', ${filters.search.trim()})) desc, s.name, s.id`
    : sql`s.name, s.id`;
  const total = await countRows(db, sql`select count(*)::int as n from hsds_services s where ${where}`);
  const rows = await selectRows<{ record: HsdsRecord }>(
    db,
    sql`select s.record from hsds_services s where ${where} order by ${order} limit ${paging.limit} offset ${paging.offset}`,
  );
  return { total, records: rows.map((r) => r.record) };
}

export async function selectRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export async function countRows(db: DbOrTx, query: SQL): Promise<number> {
  const [row] = await selectRows<{ n: number }>(db, query);
  return Number(row?.n ?? 0);
}
