import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import { sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { truncateAll } from "./demo.ts";

const FORMAT = "trellis-backup";
const VERSION = 1;
const BATCH = 1000;

/** Tables of the public schema, parents before children (by foreign keys). */
async function tablesInDependencyOrder(database: Database): Promise<string[]> {
  const tables = (
    await database.rows<{ name: string }>(
      sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`,
    )
  ).map((r) => r.name);
  const edges = await database.rows<{ child: string; parent: string }>(sql`
    select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
    from pg_constraint c join pg_namespace n on n.oid = c.connamespace
    where c.contype = 'f' and n.nspname = 'public'`);
  const parents = new Map<string, Set<string>>(tables.map((t) => [t, new Set()]));
  for (const e of edges) {
    const child = e.child.replaceAll('"', "");
    const parent = e.parent.replaceAll('"', "");
    if (child !== parent) parents.get(child)?.add(parent);
  }
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const ready = tables.filter(
      (t) => !placed.has(t) && [...(parents.get(t) ?? [])].every((p) => placed.has(p)),
    );
    if (ready.length === 0) throw new Error("circular foreign keys between tables");
    for (const t of ready) {
      ordered.push(t);
      placed.add(t);
    }
  }
  return ordered;
}

/**
 * Writes every row of every table as JSON lines, rendered by PostgreSQL itself (row_to_json), so a
 * backup from PGlite restores into PostgreSQL and back without any change of value.
 */
export async function backup(database: Database, file: string, onProgress?: (msg: string) => void) {
  const out = createWriteStream(file, { encoding: "utf8" });
  const tables = await tablesInDependencyOrder(database);
  const migrations = await database.rows<{ n: number | string }>(
    sql`select count(*) as n from drizzle.__drizzle_migrations`,
  );
  out.write(
    `${JSON.stringify({ format: FORMAT, version: VERSION, migrations: Number(migrations[0]?.n ?? 0), tables })}\n`,
  );
  let total = 0;
  for (const table of tables) {
    let offset = 0;
    for (;;) {
      // Ordering by the whole row gives the same order on both engines.
      const rows = await database.rows<{ j: string }>(
        sql.raw(
          `select row_to_json(t)::text as j from "${table}" t order by t::text limit ${BATCH} offset ${offset}`,
        ),
      );
      for (const r of rows) {
        if (!out.write(`{"table":${JSON.stringify(table)},"row":${r.j}}\n`)) await once(out, "drain");
      }
      offset += rows.length;
      if (rows.length < BATCH) break;
    }
    total += offset;
    onProgress?.(`${table}: ${offset} rows`);
  }
  out.end();
  await once(out, "finish");
  return { tables: tables.length, rows: total };
}

/** Replaces all data with the backup's, in one transaction: all of it or nothing. */
export async function restore(database: Database, file: string, onProgress?: (msg: string) => void) {
  let header: { format: string; version: number; migrations: number } | null = null;
  const pending = new Map<string, string[]>();
  let total = 0;
  await database.db.transaction(async (tx) => {
    const flush = async (table: string) => {
      const rows = pending.get(table);
      if (!rows || rows.length === 0) return;
      await tx.execute(
        sql`insert into ${sql.identifier(table)} select * from json_populate_recordset(null::${sql.identifier(table)}, ${`[${rows.join(",")}]`}::json)`,
      );
      total += rows.length;
      pending.set(table, []);
    };
    let currentTable: string | null = null;
    // Opened here, right before it is read: readline drops lines emitted before iteration begins.
    const lines = createInterface({
      input: createReadStream(file, { encoding: "utf8" }),
      crlfDelay: Number.POSITIVE_INFINITY,
    });
    for await (const line of lines) {
      if (!line.trim()) continue;
      if (!header) {
        header = JSON.parse(line);
        if (header?.format !== FORMAT || header.version !== VERSION)
          throw new Error(`${file} is not a Trellis backup`);
        await truncateAll(tx as unknown as Database["db"]);
        continue;
      }
      const entry = JSON.parse(line) as { table: string; row: unknown };
      if (currentTable && entry.table !== currentTable) {
        await flush(currentTable);
        onProgress?.(`${currentTable} restored`);
      }
      currentTable = entry.table;
      const list = pending.get(entry.table) ?? [];
      list.push(JSON.stringify(entry.row));
      pending.set(entry.table, list);
      if (list.length >= BATCH) await flush(entry.table);
    }
    if (currentTable) await flush(currentTable);
    if (!header) throw new Error(`${file} is empty`);
    // Serial columns continue after the restored rows.
    const serials = (await tx.execute(sql`
      select table_name as t, column_name as c from information_schema.columns
      where table_schema = 'public' and column_default like 'nextval(%'`)) as unknown as {
      rows: { t: string; c: string }[];
    };
    for (const { t, c } of serials.rows) {
      await tx.execute(
        sql.raw(
          `select setval(pg_get_serial_sequence('"${t}"', '${c}'), coalesce((select max("${c}") from "${t}"), 0) + 1, false)`,
        ),
      );
    }
  });
  return { rows: total };
}
