/**
 * The HSDS import part of bench/run.ts: a deterministic HSDS 3.0 tabular data package of N services (each
 * with an organization, a location and address, a phone, a weekly schedule, a language and a taxonomy term),
 * imported through the app's import (importHsds, as the CLI's import-hsds and POST /api/directory/import
 * do) into a fresh organization of the bench database; the imported records are removed afterwards so the
 * load scenarios of the next run see the same directory.
 */
import { sql } from "drizzle-orm";
import { openDatabase } from "../src/db/client.ts";
import { organizations, users } from "../src/db/schema/index.ts";
import { demoId } from "../src/features/directory/directory.demo.ts";
import { importHsds } from "../src/features/directory/directory.import.ts";
import { tableCsv } from "../src/features/directory/hsds.tabular.ts";
import { actorInOrganization } from "../src/server/authorization.ts";

const TOPICS = [
  "food",
  "housing",
  "counseling",
  "childcare",
  "legal",
  "parenting",
  "clinic",
  "jobs",
] as const;
const LANGS = ["es", "vi", "zh", "hmn", "pa"] as const;

/** The package's CSV files for n services; ids derive from `namespace`, so the same n gives the same data. */
export function hsdsPackage(n: number, namespace: string): Map<string, Buffer> {
  const id = (kind: string, i: number | string) => demoId(`${namespace}:${kind}:${i}`);
  const t = {
    organization: [] as Record<string, unknown>[],
    service: [] as Record<string, unknown>[],
    location: [] as Record<string, unknown>[],
    address: [] as Record<string, unknown>[],
    service_at_location: [] as Record<string, unknown>[],
    phone: [] as Record<string, unknown>[],
    schedule: [] as Record<string, unknown>[],
    language: [] as Record<string, unknown>[],
    attribute: [] as Record<string, unknown>[],
  };
  const orgCount = Math.max(1, Math.ceil(n / 20));
  for (let o = 0; o < orgCount; o++)
    t.organization.push({ id: id("org", o), name: `Provider ${o}`, description: `Bench provider ${o}` });
  for (let i = 0; i < n; i++) {
    const topic = TOPICS[i % TOPICS.length] as string;
    const service = id("service", i);
    const location = id("location", i);
    t.service.push({
      id: service,
      organization_id: id("org", i % orgCount),
      name: `${topic} program ${i}`,
      description: `Bench ${topic} program ${i} for families with young children.`,
      status: "active",
    });
    t.location.push({
      id: location,
      location_type: "physical",
      name: `Site ${i}`,
      latitude: 38.2 + ((i * 7919) % 10000) / 12500,
      longitude: -121.9 + ((i * 104729) % 10000) / 12500,
    });
    t.address.push({
      id: id("address", i),
      location_id: location,
      address_1: `${100 + (i % 9000)} Bench Avenue`,
      city: `Town ${i % 40}`,
      state_province: "CA",
      postal_code: String(95600 + (i % 300)),
      country: "US",
      address_type: "physical",
    });
    t.service_at_location.push({ id: id("sal", i), service_id: service, location_id: location });
    t.phone.push({
      id: id("phone", i),
      service_id: service,
      number: `916-555-${String(i % 10000).padStart(4, "0")}`,
    });
    t.schedule.push({
      id: id("schedule", i),
      service_id: service,
      freq: "WEEKLY",
      byday: "MO,TU,WE,TH,FR",
      opens_at: "09:00",
      closes_at: "17:00",
    });
    t.language.push({ id: id("language", i), service_id: service, code: LANGS[i % LANGS.length] });
    t.attribute.push({
      id: id("attribute", i),
      link_id: service,
      link_entity: "service",
      taxonomy_term_id: id("term", TOPICS[i % TOPICS.length] as string),
    });
  }
  const files = new Map<string, Buffer>();
  const add = (file: string, table: Parameters<typeof tableCsv>[0], rows: Record<string, unknown>[]) =>
    files.set(file, Buffer.from(tableCsv(table, rows)));
  const fileNames: Record<keyof typeof t, string> = {
    organization: "organizations.csv",
    service: "services.csv",
    location: "locations.csv",
    address: "addresses.csv",
    service_at_location: "service_at_location.csv",
    phone: "phones.csv",
    schedule: "schedules.csv",
    language: "languages.csv",
    attribute: "attributes.csv",
  };
  for (const [table, rows] of Object.entries(t))
    add(fileNames[table as keyof typeof t], table as keyof typeof t, rows);
  add("taxonomies.csv", "taxonomy", [
    { id: id("taxonomy", 0), name: "Bench topics", description: "Generated" },
  ]);
  add(
    "taxonomy_terms.csv",
    "taxonomy_term",
    TOPICS.map((topic) => ({
      id: id("term", topic),
      code: topic,
      name: topic,
      description: `Topic ${topic}`,
      taxonomy_id: id("taxonomy", 0),
    })),
  );
  return files;
}

export interface ImportTiming {
  services: number;
  records: number;
  megabytes: number;
  generateSeconds: number;
  importSeconds: number;
}

/** Generates and imports n services into a fresh organization, times it, then removes what it imported. */
export async function timeHsdsImport(
  target: { databaseUrl: string | null; dataDir: string | null; poolSize: number },
  n: number,
  log: (line: string) => void,
): Promise<ImportTiming> {
  const database = await openDatabase({
    databaseUrl: target.databaseUrl ?? undefined,
    dataDir: target.dataDir ?? undefined,
    poolSize: target.poolSize,
    migrate: false,
  });
  const db = database.db;
  const tag = `bench-import-${Date.now()}`;
  const [org] = await db
    .insert(organizations)
    .values({ name: tag, type: "community_provider", jurisdictionKind: "county", jurisdictionName: "Bench" })
    .returning();
  const [user] = await db
    .insert(users)
    .values({ email: `${tag}@bench.example`, name: "Bench importer", passwordHash: "not-a-hash" })
    .returning();
  if (!org || !user) throw new Error("import setup failed");
  const actor = actorInOrganization(user, org, "manager");
  try {
    let started = performance.now();
    const files = hsdsPackage(n, tag);
    const generateSeconds = (performance.now() - started) / 1000;
    const megabytes = [...files.values()].reduce((s, b) => s + b.length, 0) / 2 ** 20;
    log(
      `  HSDS import: ${n} services, ${megabytes.toFixed(1)} MiB generated in ${generateSeconds.toFixed(1)} s`,
    );
    started = performance.now();
    let lastPhase = "";
    const summary = await importHsds(
      db,
      actor,
      { kind: "package", files },
      {
        mode: "all_or_nothing",
        audit: {
          actorUserId: user.id,
          actorEmail: user.email,
          organizationId: org.id,
          requestId: null,
          ip: null,
        },
        onProgress: (p) => {
          if (p.phase !== lastPhase) {
            lastPhase = p.phase;
            log(`    ${((performance.now() - started) / 1000).toFixed(1)} s: ${p.phase}`);
          }
        },
      },
    );
    const importSeconds = (performance.now() - started) / 1000;
    log(`  HSDS import: ${summary.created} records in ${importSeconds.toFixed(1)} s`);
    return { services: n, records: summary.created, megabytes, generateSeconds, importSeconds };
  } finally {
    await removeImported(database, org.id, user.id);
    await database.close();
  }
}

async function removeImported(
  database: Awaited<ReturnType<typeof openDatabase>>,
  orgId: string,
  userId: string,
) {
  const tables = (
    await database.rows<{ t: string }>(
      sql`select table_name as t from information_schema.columns
          where column_name = 'steward_organization_id' and table_schema = 'public'`,
    )
  ).map((r) => r.t);
  // Children before parents: retry what a foreign key still holds until nothing is left.
  let pending = tables;
  for (let pass = 0; pass < 10 && pending.length; pass++) {
    const failed: string[] = [];
    for (const t of pending) {
      try {
        await database.db.execute(
          sql`delete from ${sql.identifier(t)} where steward_organization_id = ${orgId}`,
        );
      } catch {
        failed.push(t);
      }
    }
    pending = failed;
  }
  try {
    await database.db.execute(sql`delete from memberships where organization_id = ${orgId}`);
    await database.db.execute(sql`delete from organizations where id = ${orgId}`);
    await database.db.execute(sql`delete from users where id = ${userId}`);
  } catch {
    // Audit rows and the like may still name them; an empty organization is harmless.
  }
  // The deleted rows stay behind as dead tuples until autovacuum comes by: without this, the next run's directory
  // and HSDS page counts scan twice the rows (an HSDS page went from 230 to 12 req/s in the database alone).
  for (const t of tables) await database.db.execute(sql`vacuum analyze ${sql.identifier(t)}`);
}
