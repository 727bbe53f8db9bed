/**
 * Soak: a few minutes of mixed traffic against the real server process on the demo data, watching for errors
 * and for memory that keeps growing.
 *
 *   npm run bench:soak -- [--minutes 3] [--connections 1]            PGlite in a fresh temp data directory
 *   npm run bench:soak -- --database-url postgres://…/trellis_soak    PostgreSQL (demo data created if empty)
 *   npm run bench:soak -- --minutes 0.5 --dry-run                     a quick look, not recorded
 *
 * Every route gets its own autocannon run (autocannon directly rather than bench/lib.ts's load(), which
 * reports rates but not the exact request totals a soak needs) (`connections` each), all at the same time, for the whole period;
 * the server's resident memory (VmRSS of the child process) is sampled every 10 seconds. The verdict is
 * "no errors, flat memory" when no route had an error or a non-2xx answer and the mean of the last third of
 * the samples is within 10% of the mean of the first third. Appends a "## Soak" section to bench/RESULTS.md.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { isDatabaseEmpty, seedDemo } from "../src/cli/demo.ts";
import { openDatabase } from "../src/db/client.ts";
import { todayIn } from "../src/server/config.ts";
import type { LoadResult } from "./lib.ts";

const { values } = parseArgs({
  options: {
    minutes: { type: "string", default: "3" },
    connections: { type: "string", default: "1" },
    "database-url": { type: "string" },
    /** Print the report without appending it to bench/RESULTS.md. */
    "dry-run": { type: "boolean" },
  },
});
const minutes = Number(values.minutes);
const connections = Number(values.connections);
const databaseUrl = values["database-url"];
if (!(minutes > 0) || !(connections > 0)) {
  console.error("--minutes and --connections must be positive numbers");
  process.exit(2);
}
const seconds = Math.round(minutes * 60);
const PASSWORD = "trellis-demo";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : 0);
      server.close();
    });
    server.on("error", reject);
  });
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), "trellis-soak-"));
if (databaseUrl) {
  const database = await openDatabase({ databaseUrl, poolSize: 2 });
  if (await isDatabaseEmpty(database.db)) {
    console.error("empty PostgreSQL database: creating demo data");
    await seedDemo(database.db, { password: PASSWORD });
  }
  await database.close();
}

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
  env: {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: databaseUrl ?? "",
    TRELLIS_DATA_DIR: dataDir,
    TRELLIS_DEMO_PASSWORD: PASSWORD,
    LOG_LEVEL: "warn",
    // The soak is one client hammering from one address: the public-API and sign-in limits would answer 429.
    TRELLIS_HSDS_RATE_LIMIT: "100000000",
    TRELLIS_SIGNIN_RATE_LIMIT: "100000",
  },
  stdio: ["ignore", "ignore", "inherit"],
});
const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
for (;;) {
  if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
  try {
    if ((await fetch(`${base}/api/health`)).ok) break;
  } catch {
    // not listening yet
  }
  await new Promise((r) => setTimeout(r, 250));
}
const engine = ((await (await fetch(`${base}/api/health`)).json()) as { engine: string }).engine;
console.error(`server pid ${child.pid} on ${base} (${engine})`);

async function signIn(email: string) {
  const response = await fetch(`${base}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-in as ${email}: ${response.status} ${await response.text()}`);
  const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  const get = async <T>(url: string): Promise<T> => {
    const r = await fetch(`${base}${url}`, { headers: { cookie } });
    if (!r.ok) throw new Error(`GET ${url}: ${r.status}`);
    return (await r.json()) as T;
  };
  return { cookie, csrfToken, get };
}
const planner = await signIn("planner@anycounty.example");
const caseworker = await signIn("caseworker@frc.example");
const plan = (await planner.get<{ items: { id: string }[] }>("/api/plans")).items[0];
const family = (await caseworker.get<{ items: { id: string }[] }>("/api/families")).items[0];
if (!plan || !family) throw new Error("the demo data has no plan or no family");

/** One route under autocannon for the whole period (a new record on every request, for a POST). */
async function drive(
  name: string,
  url: string,
  options: { session?: { cookie: string; csrfToken: string }; body?: unknown } = {},
): Promise<LoadResult & { requests: number; timeouts: number }> {
  const headers: Record<string, string> = options.session ? { cookie: options.session.cookie } : {};
  if (options.body !== undefined && options.session) {
    headers["x-csrf-token"] = options.session.csrfToken;
    headers["content-type"] = "application/json";
  }
  const result = await autocannon({
    url: `${base}${url}`,
    method: options.body === undefined ? "GET" : "POST",
    connections,
    duration: seconds,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  return {
    name,
    requestsPerSecond: Math.round(result.requests.average * 10) / 10,
    p50: result.latency.p50,
    p95: result.latency.p97_5,
    p99: result.latency.p99,
    // autocannon counts a timeout (no answer within 10 s) as an error too: errors includes timeouts.
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    requests: result.requests.total,
  };
}

// Memory: the child's resident set, every 10 seconds.
const samples: { t: number; rssMb: number }[] = [];
const started = Date.now();
function sample() {
  const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  samples.push({ t: (Date.now() - started) / 60_000, rssMb: Math.round(kb / 1024) });
  process.stderr.write(
    `\r  ${Math.round((Date.now() - started) / 1000)}s  rss ${Math.round(kb / 1024)} MB   `,
  );
}
sample();
const sampler = setInterval(sample, 10_000);

console.error(`soak: ${minutes} min, ${connections} connection(s) per route`);
const today = todayIn("America/Los_Angeles");
const results = await Promise.all([
  drive("GET /api/plans/:id (plan)", `/api/plans/${plan.id}`, { session: planner }),
  drive("GET /api/plans (list)", "/api/plans", { session: planner }),
  drive("GET /api/my/action-steps", "/api/my/action-steps", { session: planner }),
  drive("GET /api/caseload", "/api/caseload", { session: caseworker }),
  drive("GET /api/families/:id (family record)", `/api/families/${family.id}`, { session: caseworker }),
  drive("GET /api/directory/services?q=food (search)", "/api/directory/services?q=food", {
    session: caseworker,
  }),
  drive("GET /hsds/services (HSDS API)", "/hsds/services"),
  drive("POST /api/families/:id/contacts (log a contact)", `/api/families/${family.id}/contacts`, {
    session: caseworker,
    body: {
      contactDate: today,
      kind: "phone",
      durationMinutes: 15,
      notes: "Soak test contact: checked in by phone.",
    },
  }),
  drive("POST /api/plans (new plan)", "/api/plans", {
    session: planner,
    body: { templateKey: "linkages-work-plan", title: "Soak test plan" },
  }),
]);
clearInterval(sampler);
sample();
process.stderr.write("\n");

child.kill("SIGTERM");
const exitCode = await exited;
rmSync(dataDir, { recursive: true, force: true });

// The memory trend: first third against last third, and the least-squares slope.
const third = Math.max(1, Math.floor(samples.length / 3));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const firstThird = mean(samples.slice(0, third).map((s) => s.rssMb));
const lastThird = mean(samples.slice(-third).map((s) => s.rssMb));
const tMean = mean(samples.map((s) => s.t));
const rMean = mean(samples.map((s) => s.rssMb));
const slope =
  samples.reduce((a, s) => a + (s.t - tMean) * (s.rssMb - rMean), 0) /
  Math.max(
    1e-9,
    samples.reduce((a, s) => a + (s.t - tMean) ** 2, 0),
  );
const errors = results.reduce((a, r) => a + r.errors + r.non2xx, 0);
const flat = lastThird <= firstThird * 1.1;
const verdict =
  errors === 0 && flat
    ? "no errors, flat memory"
    : `${errors === 0 ? "no errors" : `${errors} errors/non-2xx`}, ${flat ? "flat memory" : "memory GREW"}`;
const total = results.reduce((a, r) => a + r.requests, 0);

const rows = results.map(
  (r) =>
    `| ${r.name} | ${r.requests} | ${r.requestsPerSecond} | ${r.p50} | ${r.p99} | ${r.errors} (${r.timeouts}) | ${r.non2xx} |`,
);
const report = `
## Soak — ${new Date().toISOString().slice(0, 10)} — ${engine}, ${minutes} min, ${results.length} routes × ${connections} connection(s) at once

Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}. Command: \`npm run bench:soak -- --minutes ${minutes}${connections !== 1 ? ` --connections ${connections}` : ""}${databaseUrl ? " --database-url postgres://…" : ""}\`. The server is a child process on the demo data; its resident memory (VmRSS) was sampled every 10 s.

| route | requests | req/s | p50 ms | p99 ms | errors (of which timeouts > 10 s) | non-2xx |
|---|---|---|---|---|---|---|
${rows.join("\n")}

Total ${total} requests. Memory (MB, every 10 s): ${samples.map((s) => s.rssMb).join(", ")}. First third ${firstThird.toFixed(0)} MB, last third ${lastThird.toFixed(0)} MB, slope ${slope.toFixed(1)} MB/min. Server exit code after SIGTERM: ${exitCode}.

**Verdict: ${verdict}.**
`;
console.log(report);
if (!values["dry-run"]) appendFileSync("bench/RESULTS.md", report);
process.exitCode = errors === 0 && flat && exitCode === 0 ? 0 : 1;
