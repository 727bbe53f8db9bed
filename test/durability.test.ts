/**
 * The server as a process, on a real database that outlives it: acknowledged writes survive SIGKILL, and
 * SIGTERM lets requests in flight finish before the process exits 0. Runs on both engines: PGlite in a
 * fresh data directory, PostgreSQL in a fresh database next to TEST_DATABASE_URL.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes, randomInt } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, inArray, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../src/cli/demo.ts";
import { type Database, openDatabase } from "../src/db/client.ts";
import { auditEvents, plans } from "../src/db/schema/index.ts";
import { verifyAuditChain } from "../src/features/audit/audit.service.ts";
import { testEngine } from "./helpers.ts";
import { createScratchDatabase, freePort } from "./scratch.ts";

const DEMO_PASSWORD = "trellis-demo";
const PLANNER = "planner@anycounty.example";

/** A database that outlives server processes: its environment for the server, and a way to open it here. */
interface DurableDatabase {
  env: { DATABASE_URL: string; TRELLIS_DATA_DIR: string };
  open(): Promise<Database>;
  dispose(): Promise<void>;
}

async function durableDatabase(): Promise<DurableDatabase> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "trellis-durability-"));
  if (testEngine === "pglite") {
    // The server creates the demo data itself on an empty embedded database (the laptop path).
    return {
      env: { DATABASE_URL: "", TRELLIS_DATA_DIR: dataDir },
      open: () => openDatabase({ dataDir }),
      dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const scratch = await createScratchDatabase("trellis_durability");
  const databaseUrl = scratch.url;
  // The server never seeds PostgreSQL on its own: do it here, as an operator would with `trellis demo`.
  const seeding = await openDatabase({ databaseUrl, poolSize: 2 });
  await seedDemo(seeding.db, { password: DEMO_PASSWORD });
  await seeding.close();
  return {
    env: { DATABASE_URL: databaseUrl, TRELLIS_DATA_DIR: dataDir },
    open: () => openDatabase({ databaseUrl, poolSize: 2 }),
    async dispose() {
      rmSync(dataDir, { recursive: true, force: true });
      await scratch.drop();
    },
  };
}

interface ServerProcess {
  child: ChildProcess;
  base: string;
  port: number;
  exited: Promise<number | null>;
  /** Everything the process wrote so far (stdout and stderr). */
  output(): string;
}

async function startServer(database: DurableDatabase): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
    env: {
      ...process.env,
      ...database.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
      TRELLIS_DEMO_PASSWORD: DEMO_PASSWORD,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`the server exited during start-up:\n${output}`);
    try {
      const health = await fetch(`${base}/api/health`);
      if (health.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { child, base, port, exited, output: () => output };
}

interface Session {
  cookie: string;
  csrfToken: string;
  get(url: string): Promise<Response>;
  post(url: string, body: unknown): Promise<Response>;
}

async function signIn(base: string): Promise<Session> {
  const response = await fetch(`${base}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: PLANNER, password: DEMO_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return {
    cookie,
    csrfToken,
    get: (url) => fetch(`${base}${url}`, { headers: { cookie } }),
    post: (url, body) =>
      fetch(`${base}${url}`, {
        method: "POST",
        headers: { cookie, "x-csrf-token": csrfToken, "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
  };
}

/** Runs fn over items, `concurrency` at a time. */
async function eachConcurrently<T>(items: T[], concurrency: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next++] as T;
        await fn(item);
      }
    }),
  );
}

describe("the server process on a database that outlives it", { timeout: 300_000 }, () => {
  let database: DurableDatabase;
  beforeAll(async () => {
    database = await durableDatabase();
  });
  afterAll(async () => database?.dispose());

  it("keeps every acknowledged write through a SIGKILL mid-stream, with the audit chain intact", async () => {
    const first = await startServer(database);
    const acknowledged: { id: string; title: string }[] = [];
    const refusedBeforeKill: string[] = [];
    let killed = false;
    try {
      const session = await signIn(first.base);
      // Some hundreds of acknowledgements, then the kill: a different moment on each run.
      const killAfter = 200 + randomInt(200);
      const run = randomBytes(3).toString("hex");
      let sent = 0;
      const writer = async () => {
        while (!killed) {
          const title = `durability ${run} #${sent++}`;
          try {
            const response = await session.post("/api/plans", { templateKey: "linkages-work-plan", title });
            const body = (await response.json()) as { id?: string };
            if (response.status === 201 && body.id) {
              if (killed) continue; // answered after the kill signal was sent: not counted either way
              acknowledged.push({ id: body.id, title });
              if (acknowledged.length >= killAfter) {
                killed = true;
                first.child.kill("SIGKILL");
              }
            } else if (!killed) refusedBeforeKill.push(`${response.status} ${JSON.stringify(body)}`);
          } catch {
            // The connection died with the process: this write was never acknowledged.
          }
        }
      };
      // Eight writes in flight at once.
      await Promise.all(Array.from({ length: 8 }, writer));
    } finally {
      if (!killed) first.child.kill("SIGKILL");
    }
    await first.exited;
    expect(first.child.signalCode).toBe("SIGKILL");
    expect(refusedBeforeKill).toEqual([]);
    expect(acknowledged.length).toBeGreaterThanOrEqual(200);

    // The same database, a new process: every acknowledged plan reads back, unchanged.
    const second = await startServer(database);
    const missing: string[] = [];
    try {
      const session = await signIn(second.base);
      await eachConcurrently(acknowledged, 4, async ({ id, title }) => {
        const response = await session.get(`/api/plans/${id}`);
        const body = (await response.json()) as { title?: string };
        if (response.status !== 200 || body.title !== title) missing.push(`${id} ${response.status}`);
      });
    } finally {
      second.child.kill("SIGTERM");
    }
    expect(await second.exited).toBe(0);
    expect(missing).toEqual([]);

    // The stopped database, opened directly: the rows, an audit event for each, and an unbroken chain.
    const direct = await database.open();
    try {
      const ids = acknowledged.map((a) => a.id);
      const rows = await direct.db
        .select({ id: plans.id })
        .from(plans)
        .where(and(inArray(plans.id, ids), like(plans.title, "durability %")));
      expect(rows.length).toBe(ids.length);
      const audited = await direct.db
        .select({ id: auditEvents.resourceId })
        .from(auditEvents)
        .where(and(eq(auditEvents.action, "plan.create"), inArray(auditEvents.resourceId, ids)));
      expect(new Set(audited.map((a) => a.id)).size).toBe(ids.length);
      const chain = await verifyAuditChain(direct.db);
      expect(chain.firstBroken).toBeNull();
      expect(chain.ok).toBe(true);
    } finally {
      await direct.close();
    }
  });

  it("on SIGTERM finishes the requests in flight, refuses new ones, and exits 0", async () => {
    const server = await startServer(database);
    const log = () =>
      server
        .output()
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as { msg: string; req?: { method: string; url: string } });
    const until = async (condition: () => boolean) => {
      while (!condition()) {
        if (server.child.exitCode !== null) throw new Error(`the server exited:\n${server.output()}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const titles = Array.from({ length: 6 }, (_, i) => `drain ${randomBytes(3).toString("hex")} #${i}`);
    let exitCode: number | null | undefined;
    let answers: { status: number; body: { id?: string; title?: string } }[] = [];
    let lateRequest: string;
    try {
      const session = await signIn(server.base);
      // Six writes in flight: each has sent its headers and half of its body, and waits to send the rest.
      const inFlight = titles.map((title) => {
        const body = Buffer.from(JSON.stringify({ templateKey: "linkages-work-plan", title }));
        const request = httpRequest(`${server.base}/api/plans`, {
          method: "POST",
          agent: false,
          headers: {
            cookie: session.cookie,
            "x-csrf-token": session.csrfToken,
            "content-type": "application/json",
            "content-length": body.length,
          },
        });
        const answer = new Promise<{ status: number; body: { id?: string; title?: string } }>(
          (resolve, reject) => {
            request.on("error", reject);
            request.on("response", (response) => {
              let text = "";
              response.setEncoding("utf8");
              response.on("data", (chunk) => {
                text += chunk;
              });
              response.on("end", () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
            });
          },
        );
        request.write(body.subarray(0, 20));
        return { request, rest: body.subarray(20), answer };
      });
      const started = () =>
        log().filter(
          (e) => e.msg === "incoming request" && e.req?.method === "POST" && e.req.url === "/api/plans",
        ).length;
      await until(() => started() === titles.length);

      server.child.kill("SIGTERM");
      await until(() => log().some((e) => e.msg.startsWith("shutting down")));
      // A new request now is turned away: the listener is closed (connection refused) or, in the moment
      // before it is, Fastify answers 503.
      lateRequest = await fetch(`${server.base}/api/health`, { headers: { connection: "close" } }).then(
        (response) => String(response.status),
        (error: { cause?: { code?: string } }) => error.cause?.code ?? "error",
      );
      // The writes in flight finish sending and get their normal answers.
      for (const { request, rest } of inFlight) request.end(rest);
      answers = await Promise.all(inFlight.map((f) => f.answer));
      exitCode = await server.exited;
    } finally {
      if (server.child.exitCode === null) server.child.kill("SIGKILL");
    }
    expect(["ECONNREFUSED", "ECONNRESET", "503"]).toContain(lateRequest);
    expect(answers.map((a) => a.status)).toEqual(titles.map(() => 201));
    expect(answers.map((a) => a.body.title)).toEqual(titles);
    expect(exitCode).toBe(0);
    await expect(fetch(`${server.base}/api/health`)).rejects.toThrow();

    // And they were written.
    const direct = await database.open();
    try {
      const ids = answers.map((a) => a.body.id ?? "");
      const rows = await direct.db.select({ title: plans.title }).from(plans).where(inArray(plans.id, ids));
      expect(rows.map((r) => r.title).sort()).toEqual([...titles].sort());
    } finally {
      await direct.close();
    }
  });
});
