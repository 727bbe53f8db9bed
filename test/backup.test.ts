/**
 * `trellis backup` and `trellis restore`, as an operator runs them: round trips on the engine under test, and
 * (in the PostgreSQL project, where both engines are at hand) PGlite → PostgreSQL and PostgreSQL → PGlite.
 * A round trip is proved by the second backup being the same file as the first.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BackupFileError, restore } from "../src/cli/backup.ts";
import { seedDemo } from "../src/cli/demo.ts";
import { type Database, type Engine, openDatabase } from "../src/db/client.ts";
import { organizations, partnershipDocuments, partnerships, users } from "../src/db/schema/index.ts";
import { verifyAuditChain } from "../src/features/audit/audit.service.ts";
import { testEngine } from "./helpers.ts";
import { createScratchDatabase } from "./scratch.ts";

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), "trellis-backup-"));
const created: { drop(): Promise<void> }[] = [];

/** Every byte value, twice: a bytea column must come back bit for bit. */
const BYTES = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(256)]);

/** An empty, migrated database of the given engine, with the environment the CLI needs to reach it. */
async function emptyDatabase(engine: Engine) {
  if (engine === "pglite") {
    const dataDir = mkdtempSync(path.join(dir, "pglite-"));
    const env = { ...process.env, DATABASE_URL: "", TRELLIS_DATA_DIR: dataDir };
    return { engine, env, open: () => openDatabase({ dataDir }) };
  }
  const scratch = await createScratchDatabase("trellis_backup");
  created.push(scratch);
  const databaseUrl = scratch.url;
  const env = { ...process.env, DATABASE_URL: databaseUrl, TRELLIS_DATA_DIR: path.join(dir, "unused") };
  return { engine, env, open: () => openDatabase({ databaseUrl, poolSize: 2 }) };
}
type Target = Awaited<ReturnType<typeof emptyDatabase>>;

async function using<T>(target: Target, fn: (database: Database) => Promise<T>): Promise<T> {
  const database = await target.open();
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

const trellis = (target: Target, ...args: string[]) =>
  run("node", ["bin/trellis.mjs", ...args], { env: target.env });
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: { code: number; stderr: string }) => error,
  );

// Each step starts a CLI process (tsx, then a database): slow on a busy 2-core machine.
describe("trellis backup / restore", { timeout: 300_000 }, () => {
  let source: Target;
  let first: string;
  beforeAll(async () => {
    source = await emptyDatabase(testEngine);
    // Demo data, plus a stored file (bytea) and a second stretch of audit events.
    await using(source, async ({ db }) => {
      await seedDemo(db, { password: "trellis-demo" });
      const [org] = await db.select({ id: organizations.id }).from(organizations).limit(1);
      const [partnership] = await db
        .insert(partnerships)
        .values({
          stewardOrganizationId: org?.id ?? "",
          name: "Backup Partnership",
          geographyKind: "county",
          geographyName: "Any County",
        })
        .returning({ id: partnerships.id });
      await db.insert(partnershipDocuments).values({
        partnershipId: partnership?.id ?? "",
        title: "Every byte",
        kind: "file",
        fileName: "bytes.bin",
        contentType: "application/octet-stream",
        content: BYTES,
      });
    });
    first = path.join(dir, `first-${testEngine}.jsonl`);
    const written = await trellis(source, "backup", first);
    expect(written.stdout).toMatch(/backup written to .*: \d+ rows in \d+ tables/);
    // Progress, table by table, on stderr.
    expect(written.stderr).toMatch(/users: \d+ rows/);
    expect(written.stderr).toMatch(/audit_events: \d+ rows/);
  });
  afterAll(async () => {
    for (const database of created) await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function roundTrip(from: string, engine: Engine) {
    const target = await emptyDatabase(engine);
    const restored = await trellis(target, "restore", from);
    expect(restored.stdout).toMatch(/restored \d+ rows/);
    expect(restored.stdout).toMatch(/audit chain intact: \d+ events/);
    const again = path.join(dir, `again-${engine}-${randomBytes(3).toString("hex")}.jsonl`);
    await trellis(target, "backup", again);
    expect(readFileSync(again, "utf8")).toBe(readFileSync(from, "utf8"));
    await using(target, async ({ db }) => {
      const chain = await verifyAuditChain(db);
      expect(chain.ok).toBe(true);
      expect(chain.checked).toBeGreaterThan(0);
      const [doc] = await db
        .select({ content: partnershipDocuments.content })
        .from(partnershipDocuments)
        .where(eq(partnershipDocuments.title, "Every byte"));
      expect(Buffer.from(doc?.content ?? []).equals(BYTES)).toBe(true);
      // Sequences continue after the restored rows: a new audit event extends the chain.
      const { recordAudit } = await import("../src/features/audit/audit.service.ts");
      await recordAudit(
        db,
        { actorUserId: null, actorEmail: "test", organizationId: null, requestId: null, ip: null },
        { action: "after.restore", outcome: "success" },
      );
      expect((await verifyAuditChain(db)).ok).toBe(true);
    });
    return { target, again };
  }

  it(`round-trips on ${testEngine}: backup, restore into an empty database, backup again gives the same file`, async () => {
    const text = readFileSync(first, "utf8");
    expect(text.split("\n")[0]).toContain('"format":"trellis-backup"');
    expect(text).toContain(`\\\\x${BYTES.toString("hex")}`);
    expect(text.trimEnd().split("\n").at(-1)).toMatch(/^\{"end":true,"rows":\d+,"counts":/);
    await roundTrip(first, testEngine);
  });

  it.skipIf(testEngine !== "postgres")("moves data PostgreSQL → PGlite → PostgreSQL unchanged", async () => {
    const { again: fromPglite } = await roundTrip(first, "pglite");
    await roundTrip(fromPglite, "postgres");
  });

  it("refuses a file that is not a backup, exits 1 and changes nothing", async () => {
    const notABackup = path.join(dir, "not-a-backup.json");
    writeFileSync(notABackup, '{"name":"something else"}\n');
    const before = await using(source, async ({ db }) => db.select().from(users).orderBy(users.id));
    const refused = await failure(trellis(source, "restore", notABackup));
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toContain("not a Trellis backup");
    const missing = await failure(trellis(source, "restore", path.join(dir, "no-such-file.jsonl")));
    expect(missing?.code).toBe(1);
    expect(missing?.stderr).toContain("no-such-file.jsonl");
    const cannotWrite = await failure(trellis(source, "backup", path.join(dir, "no-such-dir", "b.jsonl")));
    expect(cannotWrite?.code).toBe(1);
    expect(existsSync(path.join(dir, "no-such-dir"))).toBe(false);
    expect(await using(source, async ({ db }) => db.select().from(users).orderBy(users.id))).toEqual(before);
  });

  it("refuses a cut-short, damaged or newer backup, and the data stays as it was", async () => {
    const lines = readFileSync(first, "utf8").trimEnd().split("\n");
    const header = JSON.parse(lines[0] ?? "{}");
    const cases: [string, string[], RegExp][] = [
      ["no end line", lines.slice(0, -1), /incomplete/],
      ["rows missing", [...lines.slice(0, 3), ...lines.slice(5)], /rows, the end line says/],
      [
        "damaged line",
        [...lines.slice(0, 4), '{"table":"users","row":{"id":', ...lines.slice(4)],
        /line 5: not valid JSON/,
      ],
      [
        "unknown table",
        [...lines.slice(0, 2), '{"table":"nope","row":{}}', ...lines.slice(2)],
        /not a row of a Trellis table/,
      ],
      [
        "newer Trellis",
        [JSON.stringify({ ...header, migrations: header.migrations + 1 }), ...lines.slice(1)],
        /newer Trellis/,
      ],
    ];
    await using(source, async (database) => {
      const count = async () =>
        Number((await database.rows<{ n: string }>(sql`select count(*) as n from audit_events`))[0]?.n);
      const before = await count();
      for (const [name, content, message] of cases) {
        const file = path.join(dir, `${name.replaceAll(" ", "-")}.jsonl`);
        writeFileSync(file, `${content.join("\n")}\n`);
        const error = await restore(database, file).then(
          () => null,
          (e: unknown) => e,
        );
        expect(error, name).toBeInstanceOf(BackupFileError);
        expect((error as Error).message, name).toMatch(message);
        expect(await count(), name).toBe(before);
      }
      expect((await verifyAuditChain(database.db)).ok).toBe(true);
    });
  });
});
