/**
 * The floors of bench/run.ts, in their own process (never at the same time as the Trellis server: a PGlite
 * data directory takes one process at a time).
 *
 *  - GET /floor/http: a bare JSON route on plain Fastify (the HTTP floor).
 *  - /floor/raw/:key?i=N: the raw floor of a scenario: the SQL Trellis sent for one request of it (recorded
 *    by bench/sql-capture.ts; run.ts leaves out the session and actor lookup), replayed straight through the
 *    driver — a pg Pool of the app's size, or PGlite — with no session, authorization or ORM. The i-th
 *    request uses the i-th sample value (family, sign-in user, referral) in place of the recorded one.
 *    Audit inserts are rebuilt so the hash chain stays valid; a new session gets fresh tokens; sign-in also
 *    verifies the password hash it read (argon2), as the app does.
 *
 *   BENCH_FLOOR_PLAN=<plan.json> PORT=… tsx bench/floor-server.ts
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { verify } from "@node-rs/argon2";
import Fastify from "fastify";
import pg from "pg";
import { chainHash } from "../src/features/audit/audit.chain.ts";

export interface Statement {
  text: string;
  values: unknown[];
}

export interface FloorScenario {
  statements: Statement[];
  /** Sample values: [0] is the one in the recorded statements; request i uses spread[i]. */
  spread?: string[];
  /** Each sample serves once (writes that cannot repeat, e.g. a referral move); past the end: 409. */
  once?: boolean;
}

export interface FloorPlan {
  engine: "postgres" | "pglite";
  databaseUrl: string | null;
  dataDir: string | null;
  poolSize: number;
  password: string;
  scenarios: Record<string, FloorScenario>;
}

const AUDIT_INSERT = /^insert into "audit_events"/i;
const AUDIT_LAST = /^select "hash" from "audit_events"/i;
const SESSION_INSERT = /^insert into "sessions"/i;
const TOKEN = /^[A-Za-z0-9_-]{32,}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Session and actor lookup: Trellis layers, not part of a raw floor. The session query spans lines (its
 * memberships are a subquery), hence the `s` flag: without it the lookup, and the password hash it once carried,
 * slipped into every raw floor.
 */
export function isTrellisLayer(s: Statement): boolean {
  const t = s.text.toLowerCase().trim();
  return (
    /^select .* from "sessions"/s.test(t) ||
    /^update "sessions"/.test(t) ||
    /^select .* from "memberships"/s.test(t)
  );
}

/** The column names of an `insert into "t" ("a", "b") values (…)` and, per column, its parameter index or null. */
export function insertColumns(text: string): { column: string; param: number | null }[] {
  const match = /^insert into "[^"]+" \(([^)]*)\) values \((.*?)\)/i.exec(text);
  if (!match?.[1] || match[2] === undefined) return [];
  const columns = match[1].split(",").map((c) => c.trim().replaceAll('"', ""));
  const values = match[2].split(",").map((v) => v.trim());
  return columns.map((column, i) => {
    const p = /^\$(\d+)$/.exec(values[i] ?? "");
    return { column, param: p?.[1] ? Number(p[1]) - 1 : null };
  });
}

/** The recorded values with the recorded sample replaced by this request's (also inside JSON strings). */
export function substitute(values: unknown[], from: string | undefined, to: string | undefined): unknown[] {
  if (!from || !to || from === to) return values;
  return values.map((v) => (typeof v === "string" && v.includes(from) ? v.replaceAll(from, to) : v));
}

/** An audit insert with a fresh time, the current chain head and its hash (same columns as the app's). */
export function rebuildAuditInsert(statement: Statement, prevHash: string): unknown[] {
  const values = [...statement.values];
  const columns = insertColumns(statement.text);
  const get = (name: string) => {
    const c = columns.find((x) => x.column === name);
    return c && c.param !== null ? values[c.param] : null;
  };
  const set = (name: string, value: unknown) => {
    const c = columns.find((x) => x.column === name);
    if (c && c.param !== null) values[c.param] = value;
  };
  const occurredAt = new Date();
  const metadata = get("metadata");
  const fields = {
    occurredAt,
    actorUserId: (get("actor_user_id") as string | null) ?? null,
    actorEmail: (get("actor_email") as string | null) ?? null,
    organizationId: (get("organization_id") as string | null) ?? null,
    action: String(get("action")),
    resourceType: (get("resource_type") as string | null) ?? null,
    resourceId: (get("resource_id") as string | null) ?? null,
    outcome: get("outcome") as "success",
    requestId: (get("request_id") as string | null) ?? null,
    ip: (get("ip") as string | null) ?? null,
    metadata: typeof metadata === "string" ? (JSON.parse(metadata) as Record<string, unknown>) : null,
  };
  set("occurred_at", occurredAt.toISOString());
  set("prev_hash", prevHash);
  set("hash", chainHash(prevHash, fields));
  return values;
}

type Run = (text: string, values: unknown[]) => Promise<Record<string, unknown>[]>;

/** Replays one request's statements through `run` (one connection, or one PGlite transaction at a time). */
async function replay(
  run: Run,
  statements: Statement[],
  from: string | undefined,
  to: string | undefined,
  password: string,
): Promise<unknown[]> {
  const out: unknown[] = [];
  let chainHead: string | null = null;
  for (const s of statements) {
    let values = substitute(s.values, from, to);
    if (AUDIT_INSERT.test(s.text))
      values = rebuildAuditInsert({ text: s.text, values }, chainHead ?? "0".repeat(64));
    else if (SESSION_INSERT.test(s.text))
      values = values.map((v) =>
        typeof v === "string" && TOKEN.test(v) && !UUID.test(v) ? randomBytes(32).toString("base64url") : v,
      );
    const rows = await run(s.text, values);
    if (AUDIT_LAST.test(s.text)) chainHead = (rows[0]?.hash as string | undefined) ?? null;
    const hash = rows[0]?.password_hash;
    if (typeof hash === "string") await verify(hash, password);
    if (rows.length) out.push(rows);
  }
  return out;
}

/** Splits statements into plain ones and begin…commit blocks (PGlite runs a block as one transaction). */
export function blocks(statements: Statement[]): { transaction: boolean; statements: Statement[] }[] {
  const result: { transaction: boolean; statements: Statement[] }[] = [];
  let depth = 0;
  let current: Statement[] = [];
  for (const s of statements) {
    const t = s.text.trim().toLowerCase();
    if (t === "begin") {
      if (depth === 0 && current.length) result.push({ transaction: false, statements: current });
      if (depth === 0) current = [];
      depth++;
      continue;
    }
    if ((t === "commit" || t === "rollback") && depth > 0) {
      depth--;
      if (depth === 0) {
        result.push({ transaction: true, statements: current });
        current = [];
      }
      continue;
    }
    current.push(s);
  }
  if (current.length) result.push({ transaction: depth > 0, statements: current });
  return result;
}

async function main() {
  const planFile = process.env.BENCH_FLOOR_PLAN;
  if (!planFile) throw new Error("BENCH_FLOOR_PLAN is required");
  const plan = JSON.parse(readFileSync(planFile, "utf8")) as FloorPlan;

  let execute: (statements: Statement[], from?: string, to?: string) => Promise<unknown[]>;
  let close: () => Promise<void>;
  if (plan.engine === "postgres") {
    const pool = new pg.Pool({ connectionString: plan.databaseUrl ?? undefined, max: plan.poolSize });
    execute = async (statements, from, to) => {
      const client = await pool.connect();
      try {
        return await replay(
          async (text, values) => (await client.query(text, values)).rows,
          statements,
          from,
          to,
          plan.password,
        );
      } catch (error) {
        await client.query("rollback").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    };
    close = () => pool.end();
  } else {
    const db = await PGlite.create(plan.dataDir ?? "memory://");
    execute = async (statements, from, to) => {
      const out: unknown[] = [];
      for (const block of blocks(statements)) {
        const run =
          (q: Pick<PGlite, "query">): Run =>
          async (text, values) =>
            (await q.query<Record<string, unknown>>(text, values)).rows;
        if (block.transaction)
          out.push(
            ...(await db.transaction((tx) => replay(run(tx), block.statements, from, to, plan.password))),
          );
        else out.push(...(await replay(run(db), block.statements, from, to, plan.password)));
      }
      return out;
    };
    close = () => db.close();
  }

  const app = Fastify({ logger: false });
  app.get("/floor/http", async () => ({ ok: true }));
  // Through the database like a raw floor request: answers quickly only when the backlog is gone.
  app.get("/floor/health", async () => ({
    ok: (await execute([{ text: "select 1 as one", values: [] }])).length,
  }));
  app.all<{ Params: { key: string }; Querystring: { i?: string } }>(
    "/floor/raw/:key",
    async (request, reply) => {
      const scenario = plan.scenarios[request.params.key];
      if (!scenario) return reply.code(404).send({ error: "no such scenario" });
      const i = Number(request.query.i ?? 0);
      const spread = scenario.spread;
      if (scenario.once && spread && i >= spread.length)
        return reply.code(409).send({ error: "samples used up" });
      const to = spread?.length ? spread[i % spread.length] : undefined;
      return { results: await execute(scenario.statements, spread?.[0], to) };
    },
  );
  await app.listen({ port: Number(process.env.PORT ?? 0), host: "127.0.0.1" });
  console.log(`floor server listening on ${process.env.PORT}`);
  const stop = async () => {
    await app.close();
    await close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
}

if (process.env.BENCH_FLOOR_PLAN) await main();
