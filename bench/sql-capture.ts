/**
 * Preload for the Trellis server under test (`node --import tsx --import ./bench/sql-capture.ts …`): when
 * BENCH_SQL_LOG names a file, every statement sent to the database (pg or PGlite) is appended to it as one
 * JSON line { text, values }. bench/run.ts sends one request per scenario with this on, to see exactly which
 * SQL Trellis runs for it (the raw floor replays the essential part) and how many statements it takes.
 * Load runs start the server without BENCH_SQL_LOG, so nothing is patched then.
 */
import { appendFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";

const file = process.env.BENCH_SQL_LOG;

function record(text: unknown, values: unknown) {
  if (!file || typeof text !== "string") return;
  appendFileSync(file, `${JSON.stringify({ text, values: Array.isArray(values) ? values : [] })}\n`);
}

if (file) {
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [first, second] = args;
    if (typeof first === "string") record(first, second);
    else if (first && typeof first === "object" && "text" in first) {
      const config = first as { text: string; values?: unknown[] };
      record(config.text, config.values ?? second);
    }
    return query.apply(this, args);
  } as typeof pg.Client.prototype.query;

  type Queryable = { query: (text: string, params?: unknown[], options?: unknown) => Promise<unknown> };
  const wrapQuery = <T extends Queryable>(target: T): T =>
    new Proxy(target, {
      get(obj, key, receiver) {
        const value = Reflect.get(obj, key, receiver);
        if (key === "query" && typeof value === "function") {
          return (text: string, params?: unknown[], options?: unknown) => {
            record(text, params);
            return value.call(obj, text, params, options);
          };
        }
        return typeof value === "function" ? value.bind(obj) : value;
      },
    });
  const proto = PGlite.prototype as unknown as {
    query: (text: string, params?: unknown[], options?: unknown) => Promise<unknown>;
    transaction: (fn: (tx: Queryable) => Promise<unknown>) => Promise<unknown>;
  };
  const pgliteQuery = proto.query;
  proto.query = function (this: unknown, text: string, params?: unknown[], options?: unknown) {
    record(text, params);
    return pgliteQuery.call(this, text, params, options);
  };
  const pgliteTransaction = proto.transaction;
  proto.transaction = function (this: unknown, fn: (tx: Queryable) => Promise<unknown>) {
    return pgliteTransaction.call(this, async (tx: Queryable) => {
      record("begin", []);
      try {
        const result = await fn(wrapQuery(tx));
        record("commit", []);
        return result;
      } catch (error) {
        record("rollback", []);
        throw error;
      }
    });
  };
}
