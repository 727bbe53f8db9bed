/**
 * PostgreSQL project only: a query sent to a pg connection that is still busy (Promise.all inside a transaction,
 * whose connection is one) is only queued by pg 8 — deprecated, and refused by pg 9. This fails the test that
 * does it, naming the statement; `allOf` in src/db/client.ts is the way to run independent loads.
 */
import pg from "pg";
import { afterEach, expect } from "vitest";

const queued: string[] = [];
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function (this: { _queryQueue?: unknown }, ...args: unknown[]) {
  // pg's own condition for the deprecation notice (lib/client.js); skipped if pg's internals ever change.
  const queue = this._queryQueue;
  if (Array.isArray(queue) && queue.length > 0) {
    const first = args[0] as string | { text?: string } | undefined;
    queued.push((typeof first === "string" ? first : (first?.text ?? "")).slice(0, 200));
  }
  return query.apply(this, args);
} as typeof pg.Client.prototype.query;

afterEach(() => {
  const found = queued.splice(0);
  expect(found, "queries sent to a busy connection (use allOf from src/db/client.ts)").toEqual([]);
});
