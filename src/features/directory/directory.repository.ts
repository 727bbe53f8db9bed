import { getTableColumns, getTableName, inArray, type SQL, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../db/client.ts";
import { HSDS_TABLES, type HsdsRecord, type HsdsTableName } from "../../db/schema/index.ts";
import { selectRows } from "./directory.queries.ts";

const BASE_COLUMNS = new Set(["id", "steward_organization_id", "record", "created_at", "updated_at"]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CHUNK = 1000;

// The tables differ only in their typed columns, so generic code sees them through this one shape.
type AnyHsdsTable = PgTable & { id: PgColumn; steward_organization_id: PgColumn; record: PgColumn };
export const tableOf = (name: HsdsTableName) => HSDS_TABLES[name] as unknown as AnyHsdsTable;

/** The typed columns of a table, filled from the HSDS record (columns are named like the HSDS fields). */
export function typedColumns(name: HsdsTableName, record: HsdsRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(tableOf(name)))) {
    if (BASE_COLUMNS.has(key) || key === "search_document") continue;
    const value = record[key];
    if (value === undefined || value === null || value === "") out[key] = null;
    else if (column.columnType === "PgUUID")
      out[key] = typeof value === "string" && UUID.test(value) ? value : null;
    else if (column.columnType === "PgDoublePrecision")
      out[key] = typeof value === "number" ? value : Number(value) || null;
    else if (column.columnType === "PgTimestamp") {
      const date = new Date(String(value));
      out[key] = Number.isNaN(date.getTime()) ? null : date;
    } else out[key] = String(value);
  }
  // Not-null text columns (names, statuses) always have a value in a valid record; keep the insert total.
  return out;
}

export interface StoredRecord {
  id: string;
  steward_organization_id: string;
  record: HsdsRecord;
}

/** Records of a table with the given ids (in chunks: imports may name 100,000 ids). */
export async function findByIds(db: DbOrTx, name: HsdsTableName, ids: string[]): Promise<StoredRecord[]> {
  const table = tableOf(name);
  const out: StoredRecord[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db
      .select({ id: table.id, steward_organization_id: table.steward_organization_id, record: table.record })
      .from(table)
      .where(inArray(table.id, ids.slice(i, i + CHUNK)));
    out.push(...(rows as StoredRecord[]));
  }
  return out;
}

/**
 * Inserts or replaces records by id. Each batch travels as one JSON parameter that PostgreSQL turns into
 * typed rows (jsonb_populate_recordset), instead of thousands of bound parameters.
 */
export async function upsertRecords(
  db: DbOrTx,
  name: HsdsTableName,
  stewardOrganizationId: string,
  records: HsdsRecord[],
): Promise<void> {
  const table = tableOf(name);
  const tableName = getTableName(table);
  const columns = Object.values(getTableColumns(table))
    .map((c) => c.name)
    .filter((c) => c !== "created_at" && c !== "updated_at" && c !== "search_document");
  const list = sql.raw(columns.map((c) => `"${c}"`).join(", "));
  const updates = sql.raw(
    [...columns.filter((c) => c !== "id").map((c) => `"${c}" = excluded."${c}"`), "updated_at = now()"].join(
      ", ",
    ),
  );
  for (let i = 0; i < records.length; i += 1000) {
    const rows = records.slice(i, i + 1000).map((record) => ({
      id: record.id,
      steward_organization_id: stewardOrganizationId,
      record,
      ...typedColumns(name, record),
    }));
    await db.execute(sql`insert into ${sql.identifier(tableName)} (${list})
      select ${list} from jsonb_populate_recordset(null::${sql.identifier(tableName)}, ${JSON.stringify(rows)}::jsonb)
      on conflict (id) do update set ${updates}`);
  }
}

/** Every record of a table, in id order (export). */
export async function allRecords(db: DbOrTx, name: HsdsTableName): Promise<HsdsRecord[]> {
  const table = tableOf(name);
  const rows = await db.select({ record: table.record }).from(table).orderBy(table.id);
  return rows.map((r) => r.record as HsdsRecord);
}

/**
 * Rebuilds the full-text document of services: name and alternate name (A), organization and taxonomy
 * terms (B), description and eligibility (C), place names, cities and postal codes (D). Set-based (one
 * grouped join per part); given ids, each part reads only the rows of those services, so re-indexing the
 * services of one import costs what the import adds, not what the directory holds.
 */
export async function refreshSearchDocuments(db: DbOrTx, serviceIds: string[] | "all"): Promise<void> {
  const run = (only: (column: SQL) => SQL) =>
    db.execute(sql`
      with terms as (
        select a.link_id as id, string_agg(t.name, ' ') as txt
        from hsds_attributes a join hsds_taxonomy_terms t on t.id = a.taxonomy_term_id
        where ${only(sql`a.link_id`)}
        group by a.link_id
      ), places as (
        select sal.service_id as id, string_agg(concat_ws(' ', l.name, ad.record->>'city', ad.postal_code), ' ') as txt
        from hsds_service_at_locations sal join hsds_locations l on l.id = sal.location_id
        left join hsds_addresses ad on ad.location_id = l.id
        where ${only(sql`sal.service_id`)}
        group by sal.service_id
      ), docs as (
        select s.id,
          setweight(to_tsvector('english', coalesce(s.name, '') || ' ' || coalesce(s.record->>'alternate_name', '')), 'A') ||
          setweight(to_tsvector('english', coalesce(o.name, '') || ' ' || coalesce(o.record->>'alternate_name', '') || ' ' ||
            coalesce(terms.txt, '')), 'B') ||
          setweight(to_tsvector('english', coalesce(s.record->>'description', '') || ' ' ||
            coalesce(s.record->>'eligibility_description', '')), 'C') ||
          setweight(to_tsvector('english', coalesce(places.txt, '')), 'D') as doc
        from hsds_services s
        left join hsds_organizations o on o.id = s.organization_id
        left join terms on terms.id = s.id
        left join places on places.id = s.id
        where ${only(sql`s.id`)}
      )
      update hsds_services s set search_document = docs.doc from docs where s.id = docs.id`);
  if (serviceIds === "all") {
    await run(() => sql`true`);
    return;
  }
  if (serviceIds.length <= CHUNK) {
    if (serviceIds.length > 0) await run((column) => sql`${column} in (${idList(serviceIds)})`);
    return;
  }
  // Many services (a large import): one set-based statement over a temporary table of their ids, so each part
  // of the document is built by hash joins in one pass instead of one probe per service per chunk.
  await db.execute(sql`create temporary table reindex_services (id uuid primary key) on commit drop`);
  for (let i = 0; i < serviceIds.length; i += CHUNK) {
    const rows = sql.join(
      serviceIds.slice(i, i + CHUNK).map((id) => sql`(${id}::uuid)`),
      sql`, `,
    );
    await db.execute(sql`insert into reindex_services (id) values ${rows} on conflict do nothing`);
  }
  await db.execute(sql`analyze reindex_services`);
  await run((column) => sql`${column} in (select id from reindex_services)`);
  await db.execute(sql`drop table reindex_services`);
}

const idList = (ids: string[]) =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

/** For each kind of record that feeds a search document: the services a write of those records touches. */
const TOUCHED_SERVICES: Partial<Record<HsdsTableName, (ids: SQL) => SQL>> = {
  service: (ids) => sql`select id from hsds_services where id in (${ids})`,
  organization: (ids) => sql`select id from hsds_services where organization_id in (${ids})`,
  attribute: (ids) => sql`select link_id as id from hsds_attributes where id in (${ids})`,
  taxonomy_term: (ids) => sql`select link_id as id from hsds_attributes where taxonomy_term_id in (${ids})`,
  service_at_location: (ids) =>
    sql`select service_id as id from hsds_service_at_locations where id in (${ids})`,
  location: (ids) =>
    sql`select service_id as id from hsds_service_at_locations where location_id in (${ids})`,
  address: (ids) => sql`select sal.service_id as id from hsds_addresses ad
    join hsds_service_at_locations sal on sal.location_id = ad.location_id where ad.id in (${ids})`,
};

/** Services whose search document may change because these records were written (after writing them). */
export async function servicesTouchedBy(
  db: DbOrTx,
  written: Map<HsdsTableName, HsdsRecord[]>,
): Promise<string[]> {
  const touched = new Set<string>();
  for (const [table, records] of written) {
    const query = TOUCHED_SERVICES[table];
    if (!query) continue;
    for (let i = 0; i < records.length; i += CHUNK) {
      const ids = records.slice(i, i + CHUNK).map((r) => String(r.id));
      const rows = await selectRows<{ id: string | null }>(db, query(idList(ids)));
      for (const row of rows) if (row.id) touched.add(row.id);
    }
  }
  return [...touched];
}
