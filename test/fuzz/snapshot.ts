import { sql } from "drizzle-orm";
import type { Database } from "../../src/db/client.ts";

/**
 * Tables whose rows a refused request may legitimately change: the audit trail (denials are recorded) and
 * the sign-in throttle (a failed sign-in counts towards locking the address/e-mail).
 */
const VOLATILE_TABLES = new Set(["audit_events", "sign_in_throttle"]);
/** Columns that any authenticated request may touch. */
const VOLATILE_COLUMNS = ["last_used_at", "last_seen_at"];

export interface Snapshot {
  /** The next transaction id: unchanged means that no transaction wrote anything in between. */
  mark: string;
  /** Digest per table, taken only when the mark moved. */
  tables: Record<string, string>;
}

/**
 * A digest of every row of every table, to prove that a refused request changed nothing. The digests (one
 * query over all tables) are compared only when a transaction that wrote something has ended since the last
 * look, e.g. one that audited a denial; otherwise nothing can have changed.
 */
export async function snapshotter(database: Database) {
  const tables = (
    await database.rows<{ name: string }>(
      sql`select table_name as name from information_schema.tables
          where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
    )
  )
    .map((t) => t.name)
    .filter((name) => !VOLATILE_TABLES.has(name));
  const drop = VOLATILE_COLUMNS.map((c) => ` - '${c}'`).join("");
  const query = tables
    .map(
      (name) =>
        `select '${name}' as name, count(*)::text || ':' || md5(coalesce(string_agg(r, ',' order by r), '')) as digest
         from (select (to_jsonb(x)${drop})::text as r from "${name}" x) s`,
    )
    .join(" union all ");
  const mark = async () =>
    (
      await database.rows<{ mark: string }>(sql`select pg_snapshot_xmax(pg_current_snapshot())::text as mark`)
    )[0]?.mark ?? "";
  const digests = async () => {
    const rows = await database.rows<{ name: string; digest: string }>(sql.raw(query));
    return Object.fromEntries(rows.map((r) => [r.name, r.digest]));
  };
  return {
    async take(): Promise<Snapshot> {
      return { mark: await mark(), tables: await digests() };
    },
    /** The tables whose rows differ from `before`'s, and the snapshot to compare with next. */
    async changedSince(before: Snapshot): Promise<{ changed: string[]; now: Snapshot }> {
      const now = await mark();
      if (now === before.mark) return { changed: [], now: before };
      const after = { mark: now, tables: await digests() };
      const changed = Object.keys({ ...before.tables, ...after.tables }).filter(
        (t) => before.tables[t] !== after.tables[t],
      );
      return { changed, now: changed.length === 0 ? after : before };
    },
  };
}
