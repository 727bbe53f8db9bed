import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../test/helpers.ts";
import { allOf } from "./client.ts";

let database: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.dispose());

/** Loads that note when they start and end, each taking a little while in the database. */
function tracedLoads(db: Parameters<typeof allOf>[0], log: string[]) {
  return [1, 2, 3].map((n) => async () => {
    log.push(`start ${n}`);
    await db.execute(sql`select pg_sleep(0.02)`);
    log.push(`end ${n}`);
    return n * 10;
  });
}

describe("allOf", () => {
  it("runs independent loads at once on the pool and keeps their order in the result", async () => {
    const log: string[] = [];
    expect(await allOf(database.db, tracedLoads(database.db, log))).toEqual([10, 20, 30]);
    expect(log.slice(0, 3)).toEqual(["start 1", "start 2", "start 3"]);
  });

  it("runs them one after another inside a transaction, whose single connection cannot run two at once", async () => {
    const log: string[] = [];
    const result = await database.db.transaction((tx) => allOf(tx, tracedLoads(tx, log)));
    expect(result).toEqual([10, 20, 30]);
    expect(log).toEqual(["start 1", "end 1", "start 2", "end 2", "start 3", "end 3"]);
  });
});
