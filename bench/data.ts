/**
 * npm run bench:data -- --scale county|state|tiny [--seed 42] [--database-url URL] [--data-dir DIR]
 *
 * Generates a deterministic benchmark data set (bench/datagen/generate.ts) into a fresh database and writes the
 * manifest .bench-data/<scale>.json that `npm run bench` reads. State scale goes to PostgreSQL (database
 * trellis_bench, dropped and recreated); county and tiny scale to an embedded PGlite directory (recreated).
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { type Database, openDatabase } from "../src/db/client.ts";
import { BENCH_PASSWORD, generateBenchData } from "./datagen/generate.ts";
import type { ScaleName } from "./datagen/scales.ts";
import { progress } from "./lib.ts";

const DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/trellis_bench";

function usage(message: string): never {
  process.stderr.write(
    `${message}\nusage: npm run bench:data -- --scale county|state|tiny [--seed 42] [--database-url URL] [--data-dir DIR]\n`,
  );
  process.exit(2);
}

/** Drops and recreates the database named in the URL (only a bench database, never an app's). */
async function recreatePostgres(url: string) {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ""));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) usage(`unsupported database name "${name}"`);
  if (!name.includes("bench")) usage(`refusing to drop "${name}": the database name must contain "bench"`);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists ${name} with (force)`);
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
}

/** Empties the PGlite directory: only one that is empty or holds a database (PG_VERSION). */
function recreateDataDir(dir: string) {
  if (existsSync(dir)) {
    const entries = readdirSync(dir);
    if (entries.length > 0 && !entries.includes("PG_VERSION"))
      usage(`refusing to empty ${dir}: it is not a database directory`);
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
}

async function main() {
  const { values } = parseArgs({
    options: {
      scale: { type: "string" },
      seed: { type: "string", default: "42" },
      "database-url": { type: "string" },
      "data-dir": { type: "string" },
    },
    strict: true,
  });
  const scale = values.scale as ScaleName | undefined;
  if (scale !== "county" && scale !== "state" && scale !== "tiny")
    usage("--scale must be county, state or tiny");
  const seed = Number(values.seed);
  if (!Number.isSafeInteger(seed) || seed < 0) usage("--seed must be a non-negative integer");
  if (values["database-url"] && values["data-dir"]) usage("give --database-url or --data-dir, not both");

  const usePostgres = values["database-url"] ? true : values["data-dir"] ? false : scale === "state";
  const databaseUrl = usePostgres ? (values["database-url"] ?? DEFAULT_DATABASE_URL) : null;
  const dataDir = usePostgres ? null : path.resolve(values["data-dir"] ?? path.join(".bench-data", scale));

  const started = performance.now();
  process.stderr.write(
    `bench:data ${scale} scale, seed ${seed} → ${databaseUrl ? databaseUrl : `PGlite ${dataDir}`}\n`,
  );
  let database: Database;
  if (databaseUrl) {
    await recreatePostgres(databaseUrl);
    database = await openDatabase({ databaseUrl, poolSize: 2 });
  } else {
    recreateDataDir(dataDir as string);
    database = await openDatabase({ dataDir: dataDir as string });
  }
  try {
    const at = () => ((performance.now() - started) / 1000).toFixed(1);
    const summary = await generateBenchData(database, {
      scale,
      seed,
      onProgress: (label, done, total) => progress(`[${at()} s] ${label}`, done, total),
    });
    const elapsedSeconds = Math.round((performance.now() - started) / 100) / 10;
    const manifest = {
      scale,
      seed,
      engine: database.engine,
      databaseUrl,
      dataDir,
      password: BENCH_PASSWORD,
      generatedAt: new Date().toISOString(),
      elapsedSeconds,
      counts: summary.counts,
      accounts: summary.accounts,
      samples: summary.samples,
    };
    mkdirSync(".bench-data", { recursive: true });
    const file = path.join(".bench-data", `${scale}.json`);
    writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
    process.stderr.write(`\n${scale} scale done in ${elapsedSeconds} s\n`);
    for (const [table, n] of Object.entries(summary.counts))
      process.stderr.write(`  ${table.padEnd(16)} ${n.toLocaleString("en-US")}\n`);
    process.stderr.write(
      `  samples: ${summary.samples.familyIds.length} families, ${summary.samples.referralIds.length} referrals, ` +
        `directory query finds ${summary.directoryMatches} services\n  manifest: ${file}\n`,
    );
  } finally {
    await database.close();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
