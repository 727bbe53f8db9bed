/**
 * The database's own ceiling for each scenario: the read statements a load run recorded (bench/run.ts keeps them in
 * .bench-data/run-<pid>/captured.json), less the session lookup, run by pgbench with as many clients as the app's
 * pool has connections (20) — no Node.js at all, no HTTP, no Trellis. If even this cannot serve the requests/s a
 * latency target needs at the load's concurrency (Little's law: 64 connections ÷ 50 ms = 1,280 req/s), no
 * application above it can. PostgreSQL only; needs `pgbench`
 * (Debian's postgresql-client). Writes (the audit insert, a referral move) are left out, so the ceiling is higher
 * than the real one.
 *
 *   npx tsx bench/db-ceiling.ts --data .bench-data/state.json --captured .bench-data/run-123/captured.json \
 *     [--clients 20] [--connections 64] [--p99 50] [--seconds 10] [--only caseload,family]
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { isTrellisLayer, type Statement } from "./floor-server.ts";
import { readManifest } from "./scenarios.ts";

/** A value written as an SQL literal (pgbench's simple protocol takes no parameters). */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} as SQL`);
    return String(value);
  }
  if (typeof value === "boolean") return value ? "true" : "false";
  if (Array.isArray(value)) return sqlLiteral(`{${value.map((v) => JSON.stringify(String(v))).join(",")}}`);
  const text = typeof value === "string" ? value : JSON.stringify(value);
  if (text.includes("\u0000")) throw new Error("cannot write a NUL in SQL");
  return `'${text.replaceAll("'", "''")}'`;
}

/** The statement with $1…$n replaced by their values as literals (highest number first, so $1 does not eat $10). */
export function inlineParameters(statement: Statement): string {
  let text = statement.text;
  for (let i = statement.values.length; i >= 1; i--)
    text = text.replace(new RegExp(`\\$${i}(?![0-9])`, "g"), sqlLiteral(statement.values[i - 1]));
  return text.replace(/\s+/g, " ").trim();
}

/** Plain reads only: no transaction control, locks or writes. */
export function isPlainRead(statement: Statement): boolean {
  const t = statement.text.trim().toLowerCase();
  return t.startsWith("select ") && !t.includes("pg_advisory") && !/ for (update|share)\b/.test(t);
}

if (process.argv[1]?.endsWith("db-ceiling.ts")) {
  const { values: args } = parseArgs({
    options: {
      data: { type: "string", default: ".bench-data/state.json" },
      captured: { type: "string" },
      clients: { type: "string", default: "20" },
      connections: { type: "string", default: "64" },
      p99: { type: "string", default: "50" },
      seconds: { type: "string", default: "10" },
      only: { type: "string" },
    },
  });
  if (!args.captured) throw new Error("--captured is required (a run's .bench-data/run-<pid>/captured.json)");
  const manifest = readManifest(args.data as string);
  if (manifest.engine !== "postgres" || !manifest.databaseUrl) throw new Error("PostgreSQL bench data only");
  const captured = JSON.parse(readFileSync(args.captured, "utf8")) as Record<
    string,
    { status: number; statements: Statement[] }
  >;
  const only = args.only ? new Set(args.only.split(",")) : null;
  const clients = Number(args.clients);
  const needed = Math.round((Number(args.connections) * 1000) / Number(args.p99));
  const work = mkdtempSync(path.join(os.tmpdir(), "trellis-ceiling-"));
  console.log(
    `\n| scenario | reads per request | ceiling req/s (pgbench, ${clients} clients) | mean latency ms | req/s a p99 of ${args.p99} ms at ${args.connections} connections needs |`,
  );
  console.log("|---|---|---|---|---|");
  try {
    for (const [key, c] of Object.entries(captured)) {
      if (only && !only.has(key)) continue;
      const reads = c.statements.filter((s) => !isTrellisLayer(s) && isPlainRead(s));
      if (reads.length === 0) continue;
      const file = path.join(work, `${key}.sql`);
      writeFileSync(file, `${reads.map((s) => `${inlineParameters(s)};`).join("\n")}\n`);
      const run = spawnSync(
        "pgbench",
        [
          "-n",
          "-c",
          String(clients),
          "-j",
          "2",
          "-T",
          String(args.seconds),
          "-f",
          file,
          manifest.databaseUrl,
        ],
        { encoding: "utf8" },
      );
      if (run.status !== 0) throw new Error(`pgbench failed for ${key}: ${run.stderr}`);
      const tps = Number(/tps = ([0-9.]+)/.exec(run.stdout)?.[1]);
      const latency = Number(/latency average = ([0-9.]+) ms/.exec(run.stdout)?.[1]);
      console.log(
        `| ${key} | ${reads.length} | ${Math.round(tps)} | ${latency.toFixed(1)} | more than ${needed} |`,
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
