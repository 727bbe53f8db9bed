/**
 * Load benchmarks of Trellis against a generated bench database (issue 9): each scenario's requests/s and
 * p50/p95/p99, next to the HTTP floor (a bare JSON route) and the scenario's raw floor (the same SQL straight
 * through the driver), all measured in the same run; plus the time to import N HSDS services.
 *
 *   npm run bench -- --data .bench-data/state.json [--connections 64] [--seconds 10] [--only caseload,family]
 *                    [--hsds-services 100000] [--warmup 2]
 *
 * Steps, one process at a time on the database (PGlite takes one process per data directory):
 *  1. Trellis with bench/sql-capture.ts: one request per scenario, recording the SQL it sends.
 *  2. bench/floor-server.ts: the HTTP floor, then each scenario's raw floor (that SQL, replayed).
 *  3. Trellis, production mode: each scenario under load.
 *  4. The HSDS import, in this process, through the app's importHsds.
 * Prints the table, appends a section to bench/RESULTS.md, writes .bench-data/results-<scale>-<engine>.json.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { openDatabase } from "../src/db/client.ts";
import { type FloorPlan, type FloorScenario, isTrellisLayer, type Statement } from "./floor-server.ts";
import { timeHsdsImport } from "./hsds-import.ts";
import {
  type Evaluated,
  evaluateTarget,
  type Measured,
  markdownTable,
  type RequestSpec,
  type Row,
  runLoad,
} from "./lib.ts";
import {
  type AccountKey,
  HSDS_IMPORT_TARGET,
  planMoves,
  type ReferralMove,
  readManifest,
  SCENARIOS,
  type Scenario,
} from "./scenarios.ts";

const { values: args } = parseArgs({
  options: {
    data: { type: "string", default: ".bench-data/state.json" },
    connections: { type: "string", default: "64" },
    seconds: { type: "string", default: "10" },
    only: { type: "string" },
    "hsds-services": { type: "string" },
    port: { type: "string", default: "3917" },
    warmup: { type: "string", default: "2" },
  },
});
const manifestFile = args.data as string;
const manifest = readManifest(manifestFile);
const connections = Number(args.connections);
const seconds = Number(args.seconds);
const only = args.only ? new Set(args.only.split(",").map((s) => s.trim())) : null;
const hsdsServices = Number(args["hsds-services"] ?? (manifest.scale === "state" ? 100_000 : 5_000));
const port = Number(args.port);
/** Seconds of unmeasured load before each measured one, so the first scenario does not meet a cold cache. */
const warmupSeconds = Number(args.warmup);
const floorPort = port + 1;
/** The app's pool (openDatabase's default; main.ts does not set it): the raw floor uses the same. */
const APP_POOL_SIZE = 20;
const RATE_LIMIT = 10_000_000;
const selected = SCENARIOS.filter((s) => !only || only.has(s.key));
const runImport = !only || only.has("hsds-import");
const log = (line: string) => process.stderr.write(`${line}\n`);

const target = {
  databaseUrl: manifest.engine === "postgres" ? manifest.databaseUrl : null,
  dataDir: manifest.engine === "pglite" && manifest.dataDir ? path.resolve(manifest.dataDir) : null,
};

// ---------------------------------------------------------------------------------------------------------
// Processes

interface Server {
  child: ChildProcess;
  base: string;
  output: string[];
}

async function startServer(
  script: string,
  env: Record<string, string>,
  listenPort: number,
  preload: string[] = [],
) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", ...preload.flatMap((p) => ["--import", p]), script],
    {
      env: { ...process.env, ...env, PORT: String(listenPort), HOST: "127.0.0.1" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const output: string[] = [];
  child.stdout?.on("data", (d: Buffer) => output.push(d.toString()));
  child.stderr?.on("data", (d: Buffer) => output.push(d.toString()));
  const base = `http://127.0.0.1:${listenPort}`;
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${script} exited:\n${output.join("")}`);
    try {
      await fetch(`${base}/`);
      return { child, base, output } satisfies Server;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  child.kill("SIGTERM");
  throw new Error(`${script} did not start:\n${output.join("")}`);
}

async function stopServer(server: Server) {
  if (server.child.exitCode !== null) return;
  const exited = new Promise((r) => server.child.once("exit", r));
  server.child.kill("SIGTERM");
  const timer = setTimeout(() => server.child.kill("SIGKILL"), 20_000);
  await exited;
  clearTimeout(timer);
}

function trellisEnv(): Record<string, string> {
  const env: Record<string, string> = {
    NODE_ENV: "production",
    LOG_LEVEL: "warn",
    TRELLIS_SIGNIN_RATE_LIMIT: String(RATE_LIMIT),
    TRELLIS_HSDS_RATE_LIMIT: String(RATE_LIMIT),
    // The daily jobs (reminder digests, retention) would run inside the measurements and the SQL recording.
    TRELLIS_SCHEDULER: "off",
  };
  if (target.databaseUrl) env.DATABASE_URL = target.databaseUrl;
  else if (target.dataDir) env.TRELLIS_DATA_DIR = target.dataDir;
  return env;
}

interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(base: string, email: string): Promise<Session> {
  const response = await fetch(`${base}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: manifest.password }),
  });
  if (!response.ok) throw new Error(`sign-in as ${email}: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { csrfToken: string };
  const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  return { cookie, csrf: body.csrfToken };
}

function withSession(spec: RequestSpec, session: Session | null): RequestSpec {
  if (!session) return spec;
  return {
    ...spec,
    headers: { ...(spec.headers ?? {}), cookie: session.cookie, "x-csrf-token": session.csrf },
  };
}

/**
 * Waits until the server has worked off the requests a load left in flight (autocannon stops waiting for
 * them, the server does not): `path` goes through the database pool, so it answers fast only when idle.
 */
async function drain(base: string, path: string) {
  const deadline = Date.now() + 120_000;
  let fast = 0;
  while (fast < 2 && Date.now() < deadline) {
    const started = performance.now();
    try {
      await (await fetch(`${base}${path}`)).arrayBuffer();
    } catch {
      // not answering yet
    }
    fast = performance.now() - started < 250 ? fast + 1 : 0;
    if (fast < 2) await new Promise((r) => setTimeout(r, 250));
  }
}

async function send(base: string, spec: RequestSpec): Promise<number> {
  const response = await fetch(`${base}${spec.path}`, {
    method: spec.method ?? "GET",
    headers: { ...(spec.headers ?? {}), ...(spec.body ? { "content-type": "application/json" } : {}) },
    body: spec.body,
  });
  await response.arrayBuffer();
  return response.status;
}

/** Unmeasured load (not for samples that serve once), then waits until the server has worked it off. */
async function warmUp(
  base: string,
  next: (i: number) => RequestSpec,
  load: { connections: number; seconds: number },
  health: string,
) {
  if (warmupSeconds <= 0) return;
  await runLoad("warm-up", base, next, { connections: load.connections, seconds: warmupSeconds });
  await drain(base, health);
}

// ---------------------------------------------------------------------------------------------------------
// 0. Before any server: what the referrals are now, the engine's version, the web build.

if (!existsSync("web/dist")) {
  log("web/dist is missing: npm run build:web");
  const built = spawnSync("npm", ["run", "build:web"], { stdio: ["ignore", 2, 2] });
  if (built.status !== 0) throw new Error("npm run build:web failed");
}

const setup = await openDatabase({
  databaseUrl: target.databaseUrl ?? undefined,
  dataDir: target.dataDir ?? undefined,
  migrate: false,
});
const engineVersion =
  (await setup.rows<{ v: string }>(sql`select version() as v`))[0]?.v.split(" ").slice(0, 2).join(" ") ?? "?";
const pgliteVersion =
  manifest.engine === "pglite"
    ? (
        JSON.parse(readFileSync("node_modules/@electric-sql/pglite/package.json", "utf8")) as {
          version: string;
        }
      ).version
    : null;
const referralRows =
  manifest.samples.referralIds.length > 0
    ? await setup.rows<{ id: string; status: string; version: number; organizationId: string }>(
        sql`select id, status, version, organization_id as "organizationId" from referrals where id in ${manifest.samples.referralIds}`,
      )
    : [];
await setup.close();
const referralState = new Map(referralRows.map((r) => [r.id, r]));
const orderedReferrals = manifest.samples.referralIds
  .map((id) => referralState.get(id))
  .filter(
    (r): r is { id: string; status: string; version: number; organizationId: string } =>
      !!r && ["sent", "accepted"].includes(r.status),
  );
// The raw floor replays one recorded move, so it uses referrals in the same state as the recorded one: the
// largest group of equal status, version and sending organization. Trellis moves the others; no referral is moved
// by both, and both make the same number of moves (autocannon's \`amount\`), so neither runs out mid-load.
const groups = new Map<string, typeof orderedReferrals>();
for (const r of orderedReferrals) {
  const key = `${r.status}:${r.version}:${r.organizationId}`;
  const group = groups.get(key) ?? [];
  group.push(r);
  groups.set(key, group);
}
const floorGroup = [...groups.values()].sort((a, b) => b.length - a.length)[0] ?? [];
const inFloor = new Set(floorGroup.map((r) => r.id));
const captureReferral = floorGroup[0];
const floorSpread = floorGroup.map((r) => r.id);
const trellisMoves: ReferralMove[] = planMoves(orderedReferrals.filter((r) => !inFloor.has(r.id)));
/** Moves per referral-status load, floor and Trellis alike (the floor's first referral is moved by the recording). */
const referralMoves = Math.max(1, Math.min(floorSpread.length - 1, trellisMoves.length));
const moveOf = (r: { id: string; status: string; version: number }): ReferralMove =>
  r.status === "sent"
    ? { id: r.id, version: r.version, status: "accepted" }
    : { id: r.id, version: r.version, status: "completed" };

mkdirSync(".bench-data", { recursive: true });
const work = path.resolve(".bench-data", `run-${process.pid}`);
mkdirSync(work, { recursive: true });

const loadStart = os.loadavg()[0] ?? 0;
log(
  `bench: ${manifest.scale} scale, ${manifest.engine} (${engineVersion}), ${connections} connections, ${seconds}s per load`,
);

// ---------------------------------------------------------------------------------------------------------
// 1. What SQL does Trellis send for one request of each scenario?

/** Waits until nothing else writes SQL (background work of the server), so the next request's SQL is its own. */
async function quiet(file: string) {
  const deadline = Date.now() + 60_000;
  let size = statSync(file).size;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    const now = statSync(file).size;
    if (now === size) return;
    size = now;
  }
  log("  (the server kept sending SQL of its own; the recording may include some)");
}

interface Captured {
  status: number;
  statements: Statement[];
}
const captured = new Map<string, Captured>();
{
  const logFile = path.join(work, "sql.jsonl");
  writeFileSync(logFile, "");
  log("1/4 recording the SQL of one request per scenario");
  const server = await startServer("src/server/main.ts", { ...trellisEnv(), BENCH_SQL_LOG: logFile }, port, [
    "./bench/sql-capture.ts",
  ]);
  try {
    for (const scenario of selected) {
      const session = scenario.account
        ? await signIn(server.base, manifest.accounts[scenario.account].email)
        : null;
      const moves = captureReferral ? [moveOf(captureReferral)] : [];
      const spec = withSession(scenario.request(0, { manifest, moves }), session);
      await quiet(logFile);
      const before = statSync(logFile).size;
      const status = await send(server.base, spec);
      await new Promise((r) => setTimeout(r, 100));
      const lines = readFileSync(logFile).subarray(before).toString().split("\n").filter(Boolean);
      const statements = lines.map((l) => JSON.parse(l) as Statement);
      captured.set(scenario.key, { status, statements });
      log(`  ${scenario.key}: ${status}, ${statements.length} statements`);
    }
  } finally {
    await stopServer(server);
  }
  writeFileSync(path.join(work, "captured.json"), JSON.stringify(Object.fromEntries(captured), null, 1));
}

// ---------------------------------------------------------------------------------------------------------
// 2. Floors

const floorScenarios: Record<string, FloorScenario> = {};
for (const scenario of selected) {
  const c = captured.get(scenario.key);
  if (!c || c.status >= 300) continue;
  const statements = c.statements.filter((s) => !isTrellisLayer(s));
  // The recorded move used floorSpread[0]; the floor replays it on the others (from i = 1), substituting the id.
  if (scenario.key === "referral-status")
    floorScenarios[scenario.key] = { statements, spread: floorSpread, once: true };
  else floorScenarios[scenario.key] = { statements, spread: scenario.spread?.(manifest) };
}
const floorPlan: FloorPlan = {
  engine: manifest.engine,
  databaseUrl: target.databaseUrl,
  dataDir: target.dataDir,
  poolSize: APP_POOL_SIZE,
  password: manifest.password,
  scenarios: floorScenarios,
};
const planFile = path.join(work, "floor-plan.json");
writeFileSync(planFile, JSON.stringify(floorPlan));

const load = { connections, seconds };
const loadOf = (scenario: Scenario) => ({ ...load, connections: scenario.connections ?? connections });
let httpFloor: Measured | undefined;
const rawFloors = new Map<string, Measured>();
{
  log("2/4 floors");
  const server = await startServer("bench/floor-server.ts", { BENCH_FLOOR_PLAN: planFile }, floorPort);
  try {
    httpFloor = await runLoad(
      "HTTP floor (bare JSON route, Fastify)",
      server.base,
      () => ({ path: "/floor/http" }),
      load,
    );
    log(`  HTTP floor: ${httpFloor.requestsPerSecond} req/s`);
    for (const scenario of selected) {
      const floor = floorScenarios[scenario.key];
      if (!floor) continue;
      // The referral floor's first sample was moved by the recording; start after it.
      const offset = scenario.key === "referral-status" ? 1 : 0;
      const method = scenario.request(0, { manifest, moves: trellisMoves }).method ?? "GET";
      const floorRequest = (i: number) => ({ method, path: `/floor/raw/${scenario.key}?i=${i + offset}` });
      if (!floor.once) await warmUp(server.base, floorRequest, loadOf(scenario), "/floor/health");
      const result = await runLoad(
        `raw floor: ${scenario.key} (${floor.statements.length} statements)`,
        server.base,
        floorRequest,
        floor.once ? { ...loadOf(scenario), amount: referralMoves } : loadOf(scenario),
      );
      rawFloors.set(scenario.key, result);
      await drain(server.base, "/floor/health");
      log(`  raw floor ${scenario.key}: ${result.requestsPerSecond} req/s, p99 ${result.p99} ms`);
    }
  } finally {
    await stopServer(server);
  }
}

// ---------------------------------------------------------------------------------------------------------
// 3. Trellis under load

const results = new Map<string, Measured>();
{
  log("3/4 Trellis");
  const server = await startServer("src/server/main.ts", trellisEnv(), port);
  try {
    const sessions = new Map<AccountKey, Session>();
    for (const scenario of selected) {
      let session: Session | null = null;
      if (scenario.account) {
        session =
          sessions.get(scenario.account) ??
          (await signIn(server.base, manifest.accounts[scenario.account].email));
        sessions.set(scenario.account, session);
      }
      const ctx = { manifest, moves: trellisMoves };
      const request = (i: number) => withSession(scenario.request(i, ctx), session);
      if (scenario.key !== "referral-status")
        await warmUp(server.base, request, loadOf(scenario), "/api/health");
      const result = await runLoad(
        scenario.name,
        server.base,
        request,
        // Each referral move serves once: a fixed number of them, as many as the floor made.
        scenario.key === "referral-status"
          ? { ...loadOf(scenario), amount: referralMoves }
          : loadOf(scenario),
      );
      results.set(scenario.key, result);
      await drain(server.base, "/api/health");
      log(
        `  ${scenario.key}: ${result.requestsPerSecond} req/s, p50 ${result.p50} p95 ${result.p95} p99 ${result.p99} ms, statuses ${JSON.stringify(result.statuses)}`,
      );
    }
  } finally {
    await stopServer(server);
  }
}

// ---------------------------------------------------------------------------------------------------------
// 4. HSDS import

let importTiming: Awaited<ReturnType<typeof timeHsdsImport>> | null = null;
if (runImport && hsdsServices > 0) {
  log(`4/4 HSDS import of ${hsdsServices} services`);
  importTiming = await timeHsdsImport({ ...target, poolSize: APP_POOL_SIZE }, hsdsServices, log);
}

// ---------------------------------------------------------------------------------------------------------
// Report

const engine = manifest.engine;
const rows: Row[] = [];
if (httpFloor) rows.push({ name: httpFloor.name, result: httpFloor, http: httpFloor });
for (const scenario of selected) {
  const raw = rawFloors.get(scenario.key);
  const result = results.get(scenario.key);
  if (raw) rows.push({ name: raw.name, result: raw, http: httpFloor, raw });
  if (result) {
    const targets: Evaluated[] = scenario.targets[engine].map((t) => evaluateTarget(t, result, raw));
    rows.push({ name: result.name, result, http: httpFloor, raw, targets });
  }
}
const importTargets =
  importTiming && importTiming.services >= 100_000 && engine === "postgres"
    ? [
        evaluateTarget(
          HSDS_IMPORT_TARGET,
          undefined,
          undefined,
          (importTiming.importSeconds * 100_000) / importTiming.services,
        ),
      ]
    : [];

const cpus = os.cpus();
const loadEnd = os.loadavg()[0] ?? 0;
const command = `npm run bench -- ${process.argv.slice(2).join(" ")}`.trim();
const date = new Date().toISOString().slice(0, 10);
const statementCounts = selected
  .map((s) => {
    const c = captured.get(s.key);
    if (!c) return null;
    const dropped = c.statements.length - (floorScenarios[s.key]?.statements.length ?? 0);
    return `${s.key} ${c.statements.length}${dropped ? ` (raw floor ${c.statements.length - dropped})` : ""}`;
  })
  .filter(Boolean)
  .join(", ");
const importLine = importTiming
  ? `HSDS import (app's importHsds, all or nothing, into a fresh organization, removed afterwards): ${importTiming.services} services = ${importTiming.records} records, ${importTiming.megabytes.toFixed(1)} MiB of CSV, **${importTiming.importSeconds.toFixed(1)} s** (${Math.round(importTiming.records / importTiming.importSeconds)} records/s; generating the package ${importTiming.generateSeconds.toFixed(1)} s).${importTargets.length ? ` Target: ${importTargets.map((t) => `${t.met ? "met" : "NOT met"}: ${t.label} (${t.actual})`).join("")}.` : ""}`
  : "HSDS import: not run.";

const report = `
## Load — ${date} — ${engine} ${manifest.scale} scale, ${connections} connections, ${seconds}s each

Machine: ${cpus.length} × ${cpus[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${loadStart.toFixed(1)} at the start and ${loadEnd.toFixed(1)} at the end (other work on the machine shares the cores). Engine: ${engineVersion}${pgliteVersion ? ` (PGlite ${pgliteVersion})` : ""}. Data: \`${manifestFile}\`${
  manifest.counts
    ? ` (${Object.entries(manifest.counts)
        .map(([k, v]) => `${v} ${k}`)
        .join(", ")})`
    : ""
}. Command: \`${command}\`

Trellis ran as \`NODE_ENV=production node --import tsx src/server/main.ts\` on 127.0.0.1 with \`TRELLIS_SIGNIN_RATE_LIMIT\` and \`TRELLIS_HSDS_RATE_LIMIT\` raised to ${RATE_LIMIT} for the run (the defaults, 30 and 300 a minute, would turn the load into 429s); the daily jobs were off (\`TRELLIS_SCHEDULER=off\`); autocannon ran in the bench process. The floors ran in \`bench/floor-server.ts\` (plain Fastify), not at the same time as Trellis. A raw floor replays the SQL Trellis sent for one request of the scenario (recorded by \`bench/sql-capture.ts\`) through a ${engine === "postgres" ? `pg Pool of ${APP_POOL_SIZE} (the app's pool size)` : "PGlite connection"}, less the session and membership lookup; the audit insert is included where the scenario writes one. Each measured load of a floor or scenario follows ${warmupSeconds} s of unmeasured load of the same requests (the warm-up), except the referral status update, whose moves serve once: it sends a fixed ${referralMoves} moves, floor and Trellis alike, on disjoint referrals. p50/p95/p99 are computed from every response's latency; after each load the bench waits until the server has worked off the requests still in flight, so one scenario's backlog does not land on the next. Statements per request: ${statementCounts}.

${markdownTable(rows)}

${importLine}
`;
console.log(report);
appendFileSync("bench/RESULTS.md", report);
const resultsFile = `.bench-data/results-${manifest.scale}-${engine}.json`;
writeFileSync(
  resultsFile,
  JSON.stringify(
    {
      date: new Date().toISOString(),
      command,
      machine: {
        cpus: cpus.length,
        model: cpus[0]?.model,
        memoryGiB: os.totalmem() / 2 ** 30,
        loadAverage: { start: loadStart, end: loadEnd },
        node: process.version,
      },
      engine,
      engineVersion,
      pgliteVersion,
      scale: manifest.scale,
      connections,
      seconds,
      httpFloor,
      scenarios: selected.map((s) => ({
        key: s.key,
        name: s.name,
        statements: captured.get(s.key)?.statements.length ?? null,
        raw: rawFloors.get(s.key) ?? null,
        trellis: results.get(s.key) ?? null,
        targets: s.targets[engine].map((t) => evaluateTarget(t, results.get(s.key), rawFloors.get(s.key))),
      })),
      hsdsImport: importTiming ? { ...importTiming, targets: importTargets } : null,
      referrals: {
        floor: floorSpread.length,
        trellisMoves: trellisMoves.length,
        movesPerLoad: referralMoves,
      },
    },
    null,
    2,
  ),
);
log(`results: ${resultsFile}; section appended to bench/RESULTS.md; SQL recorded in ${work}/captured.json`);
if (process.env.BENCH_KEEP_WORK !== "1") rmSync(path.join(work, "sql.jsonl"), { force: true });
