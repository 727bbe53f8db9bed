import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, testEngine } from "../../test/helpers.ts";
import { type Database, openDatabase } from "../db/client.ts";
import { auditEvents, users } from "../db/schema/index.ts";
import { backup, restore } from "./backup.ts";
import { DEMO_USERS, seedDemo } from "./demo.ts";

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), "trellis-cli-"));

describe("backup and restore", () => {
  let source: Awaited<ReturnType<typeof openTestDatabase>>;
  let target: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    source = await openTestDatabase();
    target = await openTestDatabase();
    await seedDemo(source.db, { password: "trellis-demo" });
  });
  afterAll(async () => {
    await source.dispose();
    await target.dispose();
  });

  it("round-trips every row unchanged, and the audit chain still verifies", async () => {
    const first = path.join(dir, "first.jsonl");
    const second = path.join(dir, "second.jsonl");
    const written = await backup(source, first);
    expect(written.rows).toBeGreaterThan(20);
    await restore(target, first);
    await backup(target, second);
    expect(readFileSync(second, "utf8")).toBe(readFileSync(first, "utf8"));
    const { verifyAuditChain } = await import("../features/audit/audit.service.ts");
    expect((await verifyAuditChain(target.db)).ok).toBe(true);
    // Serial columns continue after the restored rows.
    const { recordAudit } = await import("../features/audit/audit.service.ts");
    await recordAudit(
      target.db,
      { actorUserId: null, actorEmail: "t", organizationId: null, requestId: null, ip: null },
      {
        action: "after.restore",
        outcome: "success",
      },
    );
    expect((await verifyAuditChain(target.db)).ok).toBe(true);
  });

  it("restores all or nothing: a broken file leaves the data as it was", async () => {
    const broken = path.join(dir, "broken.jsonl");
    const good = readFileSync(path.join(dir, "first.jsonl"), "utf8").split("\n");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(broken, [...good.slice(0, 5), '{"table":"users","row":{"id":"not-a-uuid"}}'].join("\n"));
    const before = await target.db.select().from(users);
    await expect(restore(target, broken)).rejects.toThrow();
    expect(await target.db.select().from(users)).toEqual(before);
  });
});

// Each test starts several CLI processes (tsx, then a database each): slow on a busy 2-core machine.
describe("trellis command", { timeout: 120_000 }, () => {
  let env: NodeJS.ProcessEnv;
  let database: Awaited<ReturnType<typeof openTestDatabase>> | null = null;
  beforeAll(async () => {
    env = { ...process.env, TRELLIS_DATA_DIR: path.join(dir, "data"), DATABASE_URL: "" };
    if (testEngine === "postgres") {
      database = await openTestDatabase();
      // The CLI opens its own connection to the per-test database.
      const [row] = await database.rows<{ db: string }>(sql`select current_database() as db`);
      const url = new URL(process.env.TEST_DATABASE_URL ?? "");
      url.pathname = `/${row?.db}`;
      env.DATABASE_URL = url.toString();
    }
  });
  afterAll(async () => database?.dispose());

  const trellis = (...args: string[]) => run("node", ["bin/trellis.mjs", ...args], { env });
  async function withDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
    const db = await openDatabase({
      databaseUrl: env.DATABASE_URL || undefined,
      dataDir: env.TRELLIS_DATA_DIR,
    });
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  }

  it("creates demo data, verifies the audit chain, and exits 1 naming the first tampered event", async () => {
    const demo = await trellis("demo");
    expect(demo.stdout).toContain("demo data created");
    await trellis(
      "create-admin",
      "--email",
      "Chief@Test.example",
      "--name",
      "Chief",
      "--organization",
      "Test County CWS",
    );
    const ok = await trellis("verify-audit");
    // Every event the demo and the admin above wrote, each checked.
    const written = await withDatabase(async ({ db }) => (await db.select().from(auditEvents)).length);
    expect(written).toBeGreaterThanOrEqual(3);
    expect(ok.stdout).toContain(`audit chain intact: ${written} events`);

    const seq = await withDatabase(async ({ db }) => {
      const [last] = await db.select().from(auditEvents).where(eq(auditEvents.action, "cli.create_admin"));
      await db
        .update(auditEvents)
        .set({ action: "something.else" })
        .where(eq(auditEvents.seq, last?.seq ?? -1));
      return last?.seq;
    });
    const failed = await trellis("verify-audit").then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain(`BROKEN at event seq ${seq}`);
  });

  it("refuses to seed demo data over existing data unless --reset", async () => {
    const refused = await trellis("demo").then(
      () => null,
      (error: { code: number }) => error,
    );
    expect(refused?.code).toBe(1);
    await trellis("demo", "--reset");
    const count = await withDatabase(async ({ db }) => (await db.select().from(users)).length);
    expect(count).toBe(DEMO_USERS.length);
  });
});
