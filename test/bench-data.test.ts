import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BENCH_PASSWORD, type BenchSummary, generateBenchData } from "../bench/datagen/generate.ts";
import { truncateAll } from "../src/cli/demo.ts";
import type { Database } from "../src/db/client.ts";
import { verifyAuditChain } from "../src/features/audit/audit.service.ts";
import { buildApp } from "../src/server/app.ts";
import { loadConfig } from "../src/server/config.ts";
import { openTestDatabase } from "./helpers.ts";

type TestDatabase = Database & { dispose(): Promise<void> };

/** md5 of every public table's rows (as text, sorted), by table. */
async function digest(database: Database): Promise<Record<string, string>> {
  const tables = await database.rows<{ tablename: string }>(
    sql`select tablename from pg_tables where schemaname = 'public' order by tablename`,
  );
  const result: Record<string, string> = {};
  for (const { tablename } of tables) {
    const [row] = await database.rows<{ d: string; n: number | string }>(
      sql.raw(
        `select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as d, count(*) as n from "${tablename}" t`,
      ),
    );
    result[tablename] = `${row?.n}:${row?.d}`;
  }
  return result;
}

describe("bench data generator (tiny scale)", () => {
  let first: TestDatabase;
  let second: TestDatabase;
  let summary: BenchSummary;

  beforeAll(async () => {
    [first, second] = await Promise.all([openTestDatabase(), openTestDatabase()]);
    summary = await generateBenchData(first, { scale: "tiny", seed: 42 });
    await generateBenchData(second, { scale: "tiny", seed: 42 });
    // Two migrations and two generations: seconds on an idle machine, much more on a loaded one.
  }, 300_000);

  afterAll(async () => {
    await Promise.all([first?.dispose(), second?.dispose()]);
  });

  it("fills every kind of row the benchmark reads", () => {
    for (const [table, n] of Object.entries(summary.counts)) expect(n, table).toBeGreaterThan(0);
    expect(summary.counts.planItems).toBe(summary.counts.plans * 20);
    expect(summary.samples.familyIds.length).toBeGreaterThan(0);
    expect(summary.samples.referralIds.length).toBeGreaterThan(0);
    expect(summary.directoryMatches).toBeGreaterThan(0);
    expect(summary.accounts.signIn.length).toBe(summary.counts.users);
  });

  it("gives identical content for the same seed and different content for another", async () => {
    const [a, b] = await Promise.all([digest(first), digest(second)]);
    expect(Object.keys(a).length).toBeGreaterThan(20);
    expect(b).toEqual(a);
    // The second database again, emptied and filled from another seed (a third migration would cost more).
    await truncateAll(second.db);
    await generateBenchData(second, { scale: "tiny", seed: 7 });
    const c = await digest(second);
    for (const table of [
      "organizations",
      "users",
      "families",
      "family_contacts",
      "plan_items",
      "referrals",
      "audit_events",
    ])
      expect(c[table], table).not.toBe(a[table]);
  }, 120_000);

  it("leaves no scratch schema behind", async () => {
    const rows = await first.rows<{ n: number | string }>(
      sql`select count(*) as n from information_schema.schemata where schema_name = 'bench_gen'`,
    );
    expect(Number(rows[0]?.n)).toBe(0);
  });

  it("writes a valid audit chain", async () => {
    const result = await verifyAuditChain(first.db);
    expect(result).toEqual({ ok: true, checked: summary.counts.auditEvents, firstBroken: null });
  });

  it("lets the sample accounts sign in and sees the samples through the app", async () => {
    const config = loadConfig({
      webDist: undefined,
      logLevel: "silent",
      signInRateLimitPerMinute: 10_000,
      publicUrl: "http://trellis.test",
    });
    const app = await buildApp({ database: first, config, logger: false });
    try {
      const signIn = async (email: string, password = BENCH_PASSWORD) => {
        const response = await app.inject({
          method: "POST",
          url: "/api/session",
          payload: { email, password },
        });
        return {
          status: response.statusCode,
          cookie: String(response.headers["set-cookie"]).split(";")[0] ?? "",
        };
      };
      const { accounts, samples } = summary;
      expect((await signIn(accounts.caseManager.email, "wrong password")).status).toBe(401);
      const cm = await signIn(accounts.caseManager.email);
      expect(cm.status).toBe(200);
      const family = await app.inject({
        method: "GET",
        url: `/api/families/${samples.familyIds[0]}`,
        headers: { cookie: cm.cookie },
      });
      expect(family.statusCode).toBe(200);
      for (const account of [accounts.planner, accounts.referralReceiver, ...accounts.signIn.slice(0, 3)])
        expect((await signIn(account.email)).status, account.email).toBe(200);
      const directory = samples.directory;
      const planner = await signIn(accounts.planner.email);
      const search = await app.inject({
        method: "GET",
        url: `/api/directory/services?q=${directory.q}&taxonomyTermId=${directory.taxonomyTermId}&lat=${directory.lat}&lng=${directory.lng}&radiusKm=${directory.radiusKm}`,
        headers: { cookie: planner.cookie },
      });
      expect(search.statusCode).toBe(200);
      expect(search.json().total_items).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  }, 120_000);
});
