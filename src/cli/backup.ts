import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { rename, rm, stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import { type SQL, sql } from "drizzle-orm";
import type { Database, DbOrTx } from "../db/client.ts";
import { truncateAll } from "./demo.ts";

/**
 * The backup file: JSON lines.
 *   line 1   {"format":"trellis-backup","version":2,"migrations":N,"tables":[…]}   (parents before children)
 *   then     {"table":"users","row":{…}}   one per row, rendered by PostgreSQL itself (row_to_json)
 *   last     {"end":true,"rows":N,"counts":{"users":N,…}}   without it the file is incomplete
 * Rows are read in one snapshot (repeatable read), table by table through a cursor, ordered by the row's text
 * in the "C" collation, with the session settings below: the same data gives the same file on PGlite and on
 * any PostgreSQL server, whatever its time zone or locale.
 */
const FORMAT = "trellis-backup";
const VERSION = 2;
const BATCH = 1000;
const PROGRESS_EVERY = 10_000;

/** How values are rendered as text: fixed, so that the file does not depend on the server's settings. */
const RENDERING = [
  "set local timezone to 'UTC'",
  "set local datestyle to 'ISO, MDY'",
  "set local intervalstyle to 'postgres'",
  "set local bytea_output to 'hex'",
  "set local extra_float_digits to 1",
];

/** A file that is not a (complete) Trellis backup, or one this version cannot restore; nothing was changed. */
export class BackupFileError extends Error {}

async function rowsOf<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** Tables of the public schema, parents before children (by foreign keys). */
async function tablesInDependencyOrder(db: DbOrTx): Promise<string[]> {
  const tables = (
    await rowsOf<{ name: string }>(
      db,
      sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename collate "C"`,
    )
  ).map((r) => r.name);
  const edges = await rowsOf<{ child: string; parent: string }>(
    db,
    sql`
    select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
    from pg_constraint c join pg_namespace n on n.oid = c.connamespace
    where c.contype = 'f' and n.nspname = 'public'`,
  );
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

async function appliedMigrations(db: DbOrTx): Promise<number> {
  const [row] = await rowsOf<{ n: number | string }>(
    db,
    sql`select count(*) as n from drizzle.__drizzle_migrations`,
  );
  return Number(row?.n ?? 0);
}

/**
 * Writes every row of every table to `file`, streaming: rows go from a cursor to the file a batch at a time,
 * so a large table is never held in memory. `onProgress` hears about each table and every 10,000 rows.
 */
export async function backup(database: Database, file: string, onProgress?: (msg: string) => void) {
  // Written beside the target and renamed when complete: a failed backup never replaces a good one.
  const partial = `${file}.partial`;
  const out = createWriteStream(partial, { encoding: "utf8" });
  let failed: Error | null = null;
  out.on("error", (error) => {
    failed = error;
  });
  const write = async (line: string) => {
    if (failed) throw failed;
    // once() rejects when the stream emits "error" (disk full, no such directory…).
    if (!out.write(line)) await once(out, "drain");
  };
  const counts: Record<string, number> = {};
  let total = 0;
  try {
    await database.db.transaction(
      async (tx) => {
        for (const setting of RENDERING) await tx.execute(sql.raw(setting));
        const tables = await tablesInDependencyOrder(tx);
        const migrations = await appliedMigrations(tx);
        await write(`${JSON.stringify({ format: FORMAT, version: VERSION, migrations, tables })}\n`);
        for (const table of tables) {
          const name = `"${table.replaceAll('"', '""')}"`;
          await tx.execute(
            sql.raw(
              `declare trellis_backup no scroll cursor for select row_to_json(t)::text as j from ${name} t order by t::text collate "C"`,
            ),
          );
          let count = 0;
          for (;;) {
            const rows = await rowsOf<{ j: string }>(tx, sql.raw(`fetch ${BATCH} from trellis_backup`));
            for (const r of rows) await write(`{"table":${JSON.stringify(table)},"row":${r.j}}\n`);
            count += rows.length;
            if (rows.length < BATCH) break;
            if (count % PROGRESS_EVERY === 0) onProgress?.(`${table}: ${count} rows…`);
          }
          await tx.execute(sql.raw("close trellis_backup"));
          counts[table] = count;
          total += count;
          onProgress?.(`${table}: ${count} rows`);
        }
        await write(`${JSON.stringify({ end: true, rows: total, counts })}\n`);
      },
      { isolationLevel: "repeatable read", accessMode: "read only" },
    );
  } catch (error) {
    failed ??= error as Error;
  } finally {
    out.end();
    if (!failed)
      await once(out, "finish").catch((error: Error) => {
        failed = error;
      });
  }
  if (failed) {
    await rm(partial, { force: true });
    throw failed;
  }
  await rename(partial, file);
  return { tables: Object.keys(counts).length, rows: total };
}

interface Header {
  format: string;
  version: number;
  migrations: number;
  tables: string[];
}

function parseLine(file: string, lineNumber: number, line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new BackupFileError(
      `${file}, line ${lineNumber}: not valid JSON — the file is damaged or not a Trellis backup; nothing was restored`,
    );
  }
}

/**
 * Replaces all data with the backup's, in one transaction: all of it or nothing. A file that is not a Trellis
 * backup, is cut short (no end line, or row counts that differ from it), or comes from a newer Trellis
 * (more migrations) is refused with a BackupFileError, and the database keeps its data.
 */
export async function restore(database: Database, file: string, onProgress?: (msg: string) => void) {
  const size = (await stat(file)).size;
  if (size === 0) throw new BackupFileError(`${file} is empty; nothing was restored`);
  let header: Header | null = null;
  let trailer: { rows: number; counts: Record<string, number> } | null = null;
  const restored: Record<string, number> = {};
  let total = 0;
  await database.db.transaction(async (tx) => {
    const current = await appliedMigrations(tx);
    const known = new Set(await tablesInDependencyOrder(tx));
    let pending: string[] = [];
    let currentTable: string | null = null;
    const flush = async () => {
      if (!currentTable || pending.length === 0) return;
      // Identity and serial columns take the backup's values (overriding system value), defaults are not used.
      await tx.execute(
        sql`insert into ${sql.identifier(currentTable)} overriding system value select * from json_populate_recordset(null::${sql.identifier(currentTable)}, ${`[${pending.join(",")}]`}::json)`,
      );
      restored[currentTable] = (restored[currentTable] ?? 0) + pending.length;
      total += pending.length;
      pending = [];
    };
    // Opened here, right before it is read: readline drops lines emitted before iteration begins.
    const lines = createInterface({
      input: createReadStream(file, { encoding: "utf8" }),
      crlfDelay: Number.POSITIVE_INFINITY,
    });
    let lineNumber = 0;
    for await (const line of lines) {
      lineNumber++;
      if (!line.trim()) continue;
      if (trailer) throw new BackupFileError(`${file}, line ${lineNumber}: data after the end line`);
      const entry = parseLine(file, lineNumber, line) as Record<string, unknown>;
      if (!header) {
        if (entry?.format !== FORMAT)
          throw new BackupFileError(
            `${file} is not a Trellis backup (no trellis-backup header); nothing was restored`,
          );
        if (entry.version !== 1 && entry.version !== VERSION)
          throw new BackupFileError(
            `${file} is a version ${entry.version} backup; this Trellis reads versions 1 and 2`,
          );
        header = entry as unknown as Header;
        if (header.migrations > current)
          throw new BackupFileError(
            `${file} was made by a newer Trellis (${header.migrations} migrations; this database has ${current}); upgrade first. Nothing was restored`,
          );
        await truncateAll(tx as unknown as Database["db"]);
        continue;
      }
      if (entry.end === true) {
        trailer = entry as unknown as { rows: number; counts: Record<string, number> };
        continue;
      }
      const table = entry.table;
      if (
        typeof table !== "string" ||
        !known.has(table) ||
        typeof entry.row !== "object" ||
        entry.row === null
      )
        throw new BackupFileError(`${file}, line ${lineNumber}: not a row of a Trellis table`);
      if (table !== currentTable) {
        await flush();
        if (currentTable) onProgress?.(`${currentTable}: ${restored[currentTable] ?? 0} rows restored`);
        currentTable = table;
      }
      pending.push(JSON.stringify(entry.row));
      if (pending.length >= BATCH) {
        await flush();
        if ((restored[table] ?? 0) % PROGRESS_EVERY === 0) onProgress?.(`${table}: ${restored[table]} rows…`);
      }
    }
    await flush();
    if (currentTable) onProgress?.(`${currentTable}: ${restored[currentTable] ?? 0} rows restored`);
    if (!header) throw new BackupFileError(`${file} is not a Trellis backup; nothing was restored`);
    if ((header as Header).version >= 2) {
      if (!trailer) throw new BackupFileError(`${file} is incomplete (no end line); nothing was restored`);
      const counts = (trailer as { counts: Record<string, number> }).counts;
      for (const [table, expected] of Object.entries(counts)) {
        if ((restored[table] ?? 0) !== expected)
          throw new BackupFileError(
            `${file}: ${table} has ${restored[table] ?? 0} rows, the end line says ${expected}; nothing was restored`,
          );
      }
    }
    // Serial and identity columns continue after the restored rows.
    const sequences = await rowsOf<{ t: string; c: string }>(
      tx,
      sql`select table_name as t, column_name as c from information_schema.columns
      where table_schema = 'public' and (column_default like 'nextval(%' or is_identity = 'YES')`,
    );
    for (const { t, c } of sequences) {
      await tx.execute(
        sql`select setval(pg_get_serial_sequence(${`"${t}"`}, ${c}), coalesce((select max(${sql.identifier(c)}) from ${sql.identifier(t)}), 0) + 1, false)`,
      );
    }
  });
  return { rows: total };
}
