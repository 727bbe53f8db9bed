import { inArray } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../db/client.ts";
import type { HsdsRecord, HsdsTableName } from "../../db/schema/index.ts";
import { tableOf } from "./directory.repository.ts";
import { nestedProperties } from "./hsds.schemas.ts";

/** How far to nest: the API's plain list items, or fully nested objects. */
export interface NestOptions {
  /** Include an organization's services (full_service) or a service_at_location's service. */
  compiled?: boolean;
}

/** The column of the child table that points at its parent in an array of children. */
function parentLink(parent: HsdsTableName, child: HsdsTableName): string {
  if (child === "attribute") return "link_id";
  if (child === "metadata") return "resource_id";
  return `${parent}_id`;
}

async function recordsWhere(db: DbOrTx, table: HsdsTableName, column: string, ids: string[]) {
  if (ids.length === 0) return [];
  const t = tableOf(table) as unknown as Record<string, PgColumn> & ReturnType<typeof tableOf>;
  const col = t[column];
  if (!col) return [];
  const out: HsdsRecord[] = [];
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await db
      .select({ record: t.record })
      .from(t)
      .where(inArray(col, ids.slice(i, i + 1000)))
      .orderBy(t.id);
    out.push(...rows.map((r) => r.record as HsdsRecord));
  }
  return out;
}

/** Related objects shown flat inside their parent (a service's organization and program). */
const FLAT_INSIDE: Partial<Record<HsdsTableName, HsdsTableName[]>> = {
  service: ["organization", "program"],
};

/**
 * Builds fully nested HSDS objects from flat records, one query per table and level (not per record):
 * every array a schema defines (phones, schedules, attributes with their taxonomy terms, …) and every
 * related object (a service_at_location's location, a service's organization).
 */
export async function nest(
  db: DbOrTx,
  table: HsdsTableName,
  records: HsdsRecord[],
  options: NestOptions = {},
  depth = 0,
): Promise<HsdsRecord[]> {
  const out = records.map((r) => ({ ...r }));
  if (out.length === 0 || depth > 5) return out;
  const ids = out.map((r) => String(r.id));
  for (const n of nestedProperties(table)) {
    const compiled =
      (table === "organization" && n.key === "services") ||
      (table === "service_at_location" && n.key === "service");
    if (compiled && !(options.compiled && depth === 0)) continue;
    const flatOnly = FLAT_INSIDE[table]?.includes(n.child) ?? false;
    if (n.many) {
      const link = parentLink(table, n.child);
      const children = await recordsWhere(db, n.child, link, ids);
      const nested = await nest(db, n.child, children, options, depth + 1);
      for (const parent of out) {
        parent[n.key] = nested.filter((c) => c[link] === parent.id);
      }
    } else {
      const link = `${n.child}_id`;
      const wanted = [...new Set(out.map((r) => r[link]).filter((v): v is string => typeof v === "string"))];
      const found = await recordsWhere(db, n.child, "id", wanted);
      const nested = flatOnly ? found : await nest(db, n.child, found, options, depth + 1);
      for (const parent of out) {
        const match = nested.find((c) => c.id === parent[link]);
        if (match) parent[n.key] = match;
      }
    }
  }
  return out;
}

/** A service as the API's list item: flat, with its organization and program. */
export async function withOrganizationAndProgram(db: DbOrTx, services: HsdsRecord[]): Promise<HsdsRecord[]> {
  const orgIds = [
    ...new Set(services.map((s) => s.organization_id).filter((v): v is string => typeof v === "string")),
  ];
  const programIds = [
    ...new Set(services.map((s) => s.program_id).filter((v): v is string => typeof v === "string")),
  ];
  const orgs = await recordsWhere(db, "organization", "id", orgIds);
  const programs = await recordsWhere(db, "program", "id", programIds);
  return services.map((s) => {
    const organization = orgs.find((o) => o.id === s.organization_id);
    const program = programs.find((p) => p.id === s.program_id);
    return { ...s, ...(organization ? { organization } : {}), ...(program ? { program } : {}) };
  });
}

export { recordsWhere };
