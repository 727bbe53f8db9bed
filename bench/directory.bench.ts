/**
 * Directory benchmarks: import of a generated HSDS tabular data package, then staff search latency over it.
 *
 *   npx tsx bench/directory.bench.ts --services 100000 [--queries 200]
 *   DATABASE_URL=postgres://… npx tsx bench/directory.bench.ts --services 100000
 *
 * Appends a section to bench/directory.RESULTS.md.
 */
import { appendFileSync } from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { openDatabase } from "../src/db/client.ts";
import { organizations, users } from "../src/db/schema/index.ts";
import { demoId } from "../src/features/directory/directory.demo.ts";
import { importHsds } from "../src/features/directory/directory.import.ts";
import { searchServices } from "../src/features/directory/directory.service.ts";
import { tableCsv } from "../src/features/directory/hsds.tabular.ts";
import { actorInOrganization } from "../src/server/authorization.ts";

const { values } = parseArgs({
  options: { services: { type: "string", default: "100000" }, queries: { type: "string", default: "200" } },
});
const serviceCount = Number(values.services);
const queryCount = Number(values.queries);
const databaseUrl = process.env.DATABASE_URL || undefined;

const WORDS = [
  "food",
  "housing",
  "parenting",
  "counseling",
  "shelter",
  "preschool",
  "clinic",
  "legal",
  "job",
  "diapers",
];
const TERMS = ["food", "housing", "behavioral", "home_visiting", "ehs", "calworks", "childcare", "parenting"];
const LANGUAGES = ["en", "es", "hmn", "pa", "vi", "zh"];
const pick = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;

/** A deterministic data package: every service has a location with an address, a phone, hours, languages, a term. */
function generatePackage(n: number): Map<string, Buffer> {
  const orgs = [];
  const services = [];
  const locations = [];
  const addresses = [];
  const sals = [];
  const phones = [];
  const schedules = [];
  const languages = [];
  const attributes = [];
  for (let o = 0; o < Math.ceil(n / 10); o++) {
    orgs.push({
      id: demoId(`bench-org:${o}`),
      name: `Agency ${o}`,
      description: `Community agency number ${o}`,
    });
  }
  for (let i = 0; i < n; i++) {
    const id = demoId(`bench-service:${i}`);
    const loc = demoId(`bench-location:${i}`);
    const word = pick(WORDS, i * 7);
    services.push({
      id,
      organization_id: demoId(`bench-org:${Math.floor(i / 10)}`),
      name: `${word[0]?.toUpperCase()}${word.slice(1)} service ${i}`,
      description: `Help with ${word} and ${pick(WORDS, i * 3)} for families with children, program ${i}.`,
      status: "active",
    });
    locations.push({
      id: loc,
      location_type: "physical",
      name: `Site ${i}`,
      latitude: 38 + ((i * 37) % 2000) / 1000,
      longitude: -122 + ((i * 53) % 2000) / 1000,
    });
    addresses.push({
      id: demoId(`bench-address:${i}`),
      location_id: loc,
      address_1: `${i} Main Street`,
      city: `Town ${i % 50}`,
      state_province: "CA",
      postal_code: String(95000 + (i % 900)),
      country: "US",
      address_type: "physical",
    });
    sals.push({ id: demoId(`bench-sal:${i}`), service_id: id, location_id: loc });
    phones.push({
      id: demoId(`bench-phone:${i}`),
      service_id: id,
      number: `530-555-${String(i % 10000).padStart(4, "0")}`,
    });
    schedules.push({
      id: demoId(`bench-schedule:${i}`),
      service_id: id,
      freq: "WEEKLY",
      byday: "MO,TU,WE,TH,FR",
      opens_at: "08:00",
      closes_at: i % 2 === 0 ? "17:00" : "20:00",
    });
    languages.push({ id: demoId(`bench-language:${i}:en`), service_id: id, code: "en", name: "English" });
    languages.push({ id: demoId(`bench-language:${i}:x`), service_id: id, code: pick(LANGUAGES, i + 1) });
    attributes.push({
      id: demoId(`bench-attribute:${i}`),
      link_id: id,
      link_entity: "service",
      taxonomy_term_id: demoId(`bench-term:${pick(TERMS, i)}`),
    });
  }
  const taxonomies = [{ id: demoId("bench-taxonomy"), name: "Bench categories", description: "Generated" }];
  const terms = TERMS.map((t) => ({
    id: demoId(`bench-term:${t}`),
    code: t,
    name: t.replace("_", " "),
    description: `Category ${t}`,
    taxonomy_id: demoId("bench-taxonomy"),
  }));
  const files = new Map<string, Buffer>();
  const add = (file: string, table: Parameters<typeof tableCsv>[0], rows: Record<string, unknown>[]) =>
    files.set(file, Buffer.from(tableCsv(table, rows)));
  add("organizations.csv", "organization", orgs);
  add("services.csv", "service", services);
  add("locations.csv", "location", locations);
  add("addresses.csv", "address", addresses);
  add("service_at_location.csv", "service_at_location", sals);
  add("phones.csv", "phone", phones);
  add("schedules.csv", "schedule", schedules);
  add("languages.csv", "language", languages);
  add("attributes.csv", "attribute", attributes);
  add("taxonomies.csv", "taxonomy", taxonomies);
  add("taxonomy_terms.csv", "taxonomy_term", terms);
  return files;
}

const database = await openDatabase({ databaseUrl, dataDir: "memory://" });
const db = database.db;
if (databaseUrl) {
  const tables = Object.values(
    await database.rows<{ t: string }>(
      sql`select tablename as t from pg_tables where tablename like 'hsds_%'`,
    ),
  );
  if (tables.length) await db.execute(sql.raw(`truncate ${tables.map((r) => r.t).join(", ")}`));
}
const [org] = await db
  .insert(organizations)
  .values({
    name: `Bench 211 ${Date.now()}`,
    type: "community_provider",
    jurisdictionKind: "county",
    jurisdictionName: "Bench",
  })
  .returning();
const [user] = await db
  .insert(users)
  .values({ email: `bench-${Date.now()}@bench.example`, name: "Bench", passwordHash: "x" })
  .returning();
if (!org || !user) throw new Error("setup failed");
const actor = actorInOrganization(user, org, "manager");
const audit = {
  actorUserId: user.id,
  actorEmail: user.email,
  organizationId: org.id,
  requestId: null,
  ip: null,
};

console.error(`generating ${serviceCount} services (${database.engine})`);
let started = performance.now();
const files = generatePackage(serviceCount);
const bytes = [...files.values()].reduce((n, b) => n + b.length, 0);
const generateMs = performance.now() - started;

started = performance.now();
const summary = await importHsds(
  db,
  actor,
  { kind: "package", files },
  {
    mode: "all_or_nothing",
    audit,
    onProgress: (p) => {
      if (p.done === 0 || p.done === p.total)
        process.stderr.write(
          `  ${((performance.now() - started) / 1000).toFixed(1)}s ${p.phase} ${p.done}/${p.total}\n`,
        );
    },
  },
);
const importMs = performance.now() - started;
const records = summary.created;
console.error(`imported ${records} records in ${(importMs / 1000).toFixed(1)} s`);

started = performance.now();
const again = await importHsds(db, actor, { kind: "package", files }, { mode: "all_or_nothing", audit });
const reimportMs = performance.now() - started;
if (again.unchanged !== records) throw new Error("re-import should find everything unchanged");

async function latencies(name: string, run: (i: number) => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < queryCount; i++) {
    const t = performance.now();
    await run(i);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => (times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0).toFixed(1);
  return `| ${name} | ${queryCount} | ${at(0.5)} | ${at(0.95)} | ${at(0.99)} |`;
}

const search = (params: Partial<Parameters<typeof searchServices>[2]>) =>
  searchServices(db, actor, { page: 1, perPage: 20, ...params }, "America/Los_Angeles");
const rows = [
  await latencies("text (q)", (i) => search({ q: pick(WORDS, i) })),
  await latencies("text + category", (i) =>
    search({ q: pick(WORDS, i), taxonomyTermId: demoId(`bench-term:${pick(TERMS, i)}`) }),
  ),
  await latencies("category + language", (i) =>
    search({ taxonomyTermId: demoId(`bench-term:${pick(TERMS, i)}`), language: pick(LANGUAGES, i) }),
  ),
  await latencies("distance 10 km", (i) =>
    search({ lat: 38 + (i % 20) / 10, lng: -122 + (i % 20) / 10, radiusKm: 10 }),
  ),
  await latencies("text + open now", (i) => search({ q: pick(WORDS, i), openNow: true })),
];

const section = `
## Directory — ${new Date().toISOString().slice(0, 10)} — ${database.engine}, ${serviceCount} services

Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}.
Command: \`npx tsx bench/directory.bench.ts --services ${serviceCount} --queries ${queryCount}\`

| step | value |
|---|---|
| generated package | ${files.size} CSV files, ${(bytes / 2 ** 20).toFixed(1)} MiB, ${(generateMs / 1000).toFixed(1)} s |
| import (validate every record, write, index) | ${records} records in ${(importMs / 1000).toFixed(1)} s (${Math.round(records / (importMs / 1000))} records/s) |
| re-import, everything unchanged | ${(reimportMs / 1000).toFixed(1)} s |

Staff search (searchServices, 20 per page, in process; milliseconds):

| query | runs | p50 | p95 | p99 |
|---|---|---|---|---|
${rows.join("\n")}
`;
console.log(section);
appendFileSync(new URL("./directory.RESULTS.md", import.meta.url), section);
await database.close();
