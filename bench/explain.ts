/**
 * EXPLAIN ANALYZE of the SQL a load run recorded (bench/run.ts keeps it in .bench-data/run-<pid>/captured.json
 * with BENCH_KEEP_WORK=1): every select of the chosen scenarios, session lookup left out, with its time.
 * Read-only (selects only). Stop Trellis first on PGlite.
 *
 *   npx tsx bench/explain.ts --data .bench-data/county.json --captured .bench-data/run-123/captured.json [--only caseload]
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { Statement } from "./floor-server.ts";
import { readManifest } from "./scenarios.ts";

const { values: args } = parseArgs({
  options: { data: { type: "string" }, captured: { type: "string" }, only: { type: "string" } },
});
if (!args.data || !args.captured) throw new Error("--data and --captured are required");
const manifest = readManifest(args.data);
const captured = JSON.parse(readFileSync(args.captured, "utf8")) as Record<
  string,
  { status: number; statements: Statement[] }
>;
const only = args.only ? new Set(args.only.split(",")) : null;

type Explain = (text: string, values: unknown[]) => Promise<string[]>;
let explain: Explain;
let close: () => Promise<void>;
if (manifest.engine === "postgres") {
  const client = new pg.Client({ connectionString: manifest.databaseUrl ?? undefined });
  await client.connect();
  explain = async (text, values) =>
    (await client.query(`explain (analyze, buffers) ${text}`, values)).rows.map(
      (r: Record<string, string>) => r["QUERY PLAN"] ?? "",
    );
  close = () => client.end();
} else {
  const db = await PGlite.create(path.resolve(manifest.dataDir ?? ""));
  explain = async (text, values) =>
    (await db.query<Record<string, string>>(`explain (analyze, buffers) ${text}`, values)).rows.map(
      (r) => r["QUERY PLAN"] ?? "",
    );
  close = () => db.close();
}

for (const [key, c] of Object.entries(captured)) {
  if (only && !only.has(key)) continue;
  console.log(`\n=== ${key} (${c.statements.length} statements)`);
  for (const s of c.statements) {
    if (
      !/^select /i.test(s.text) ||
      /from "(sessions|memberships)"/.test(s.text) ||
      /pg_advisory/.test(s.text)
    )
      continue;
    const plan = await explain(s.text, s.values);
    const time = plan.find((l) => l.startsWith("Execution Time"));
    console.log(`\n-- ${s.text.slice(0, 160)}…\n   ${time}`);
    for (const line of plan) console.log(`   ${line}`);
  }
}
await close();
