import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { type SQL, sql } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import { type PgDatabase, type PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import * as schema from "./schema/index.ts";

export type Schema = typeof schema;
// Both drivers produce a PgDatabase; services depend only on this common type.
// biome-ignore lint/suspicious/noExplicitAny: the query-result HKT differs between the two drivers.
export type Db = PgDatabase<any, Schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** A service function that may run inside a caller's transaction takes this. */
export type DbOrTx = Db | Tx;

/**
 * Runs independent loads: at once on the pool, one after another inside a transaction. A transaction is one
 * connection, and a query sent to a connection that is still busy is only queued by the pg driver (deprecated;
 * pg 9 refuses it), so running them "at once" there gains nothing.
 */
export async function allOf<const L extends readonly (() => PromiseLike<unknown>)[]>(
  db: DbOrTx,
  loads: L,
): Promise<{ -readonly [K in keyof L]: Awaited<ReturnType<L[K]>> }> {
  type Results = { -readonly [K in keyof L]: Awaited<ReturnType<L[K]>> };
  if (!(db instanceof PgTransaction)) return (await Promise.all(loads.map((load) => load()))) as Results;
  const results: unknown[] = [];
  for (const load of loads) results.push(await load());
  return results as Results;
}

export type Engine = "pglite" | "postgres";

export interface Database {
  db: Db;
  engine: Engine;
  /** Rows of a raw SQL statement, the same on both engines. */
  rows<T extends Record<string, unknown>>(query: SQL): Promise<T[]>;
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "migrations");

// An arbitrary constant that identifies "Trellis migrations" among advisory locks.
const MIGRATION_LOCK_KEY = 727_001;

export interface OpenOptions {
  /** postgres://… selects PostgreSQL; otherwise PGlite. */
  databaseUrl?: string | undefined;
  /** PGlite directory, or "memory://". */
  dataDir?: string;
  /** Apply pending migrations (default true). */
  migrate?: boolean;
  poolSize?: number;
}

async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  const shouldMigrate = options.migrate ?? true;
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 20 });
    // An idle connection the server ends (restart, failover, admin) must not take the process down: the pool
    // drops it and opens a new one on the next query.
    pool.on("error", (error) => {
      process.emitWarning(`PostgreSQL pool: an idle connection failed: ${error.message}`);
    });
    // Fail early and clearly when PostgreSQL cannot be reached.
    const probe = await pool.connect();
    try {
      if (shouldMigrate) {
        // Several app processes may start together: one migrates, the others wait on the lock.
        await probe.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
        try {
          await migrateNodePg(drizzleNodePg(probe, { schema }), { migrationsFolder: MIGRATIONS_FOLDER });
        } finally {
          await probe.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
        }
      }
    } finally {
      probe.release();
    }
    const db = drizzleNodePg(pool, { schema }) as unknown as Db;
    return { db, engine: "postgres", rows: (q) => rowsOf(db, q), close: () => pool.end() };
  }

  const dataDir = options.dataDir ?? path.resolve("data");
  if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir);
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  if (shouldMigrate)
    await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder: MIGRATIONS_FOLDER });
  return { db, engine: "pglite", rows: (q) => rowsOf(db, q), close: () => client.close() };
}

/** The newest applied migration, for /api/health. */
export async function currentMigration(
  database: Database,
): Promise<{ applied: number; latest: string | null }> {
  const rows = await database.rows<{ n: number | string; latest: string | number | null }>(
    sql`select count(*) as n, max(created_at) as latest from drizzle.__drizzle_migrations`,
  );
  const row = rows[0];
  return { applied: Number(row?.n ?? 0), latest: row?.latest == null ? null : String(row.latest) };
}

export type { PgQueryResultHKT };
