/**
 * The benchmark data generator (issue 9): a statewide (or one-county, or tiny) system of care, written
 * set-based (INSERT … SELECT … FROM generate_series) with ids and values derived from the seed, so the same
 * seed gives the same rows on either engine. Small tables are built in Node and sent as one JSON parameter;
 * the audit chain is hashed in Node (the app's own chainHash) and inserted in batches.
 */
import { hash as argon2Hash } from "@node-rs/argon2";
import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../../src/db/client.ts";
import type { OrganizationType, Role } from "../../src/db/schema/index.ts";
import { type ChainedFields, chainHash, GENESIS_HASH } from "../../src/features/audit/audit.chain.ts";
import { findServices } from "../../src/features/directory/directory.queries.ts";
import { refreshSearchDocuments } from "../../src/features/directory/directory.repository.ts";
import { loadTemplates } from "../../src/features/templates/templates.service.ts";
import { benchId, benchPick, benchRandom, seededStream, sqlHelpers, sqlString, sqlTextArray } from "./ids.ts";
import {
  ACTION_STEPS,
  CONTACT_NOTES,
  COUNTIES,
  FIRST_NAMES,
  LAST_NAMES,
  SCALES,
  type ScaleConfig,
  type ScaleName,
  SERVICE_KINDS,
  TAXONOMY_TERMS,
} from "./scales.ts";

export const BENCH_PASSWORD = "trellis-bench";
/** Every timestamp is relative to this fixed instant, never to now(). */
export const BASE_DATE = "2026-07-01";
const BASE_TS = `timestamptz '${BASE_DATE} 00:00:00+00'`;
const BASE_D = `date '${BASE_DATE}'`;

export interface GenerateOptions {
  scale: ScaleName;
  seed: number;
  /** Per table: called when a step starts (done 0) and ends (done = total), and per batch in between. */
  onProgress?: (label: string, done: number, total: number) => void;
}

export interface BenchCounts {
  organizations: number;
  users: number;
  plans: number;
  planItems: number;
  families: number;
  familyContacts: number;
  hsdsServices: number;
  referrals: number;
  auditEvents: number;
}

export interface BenchSummary {
  counts: BenchCounts;
  accounts: {
    caseManager: { email: string; organizationId: string };
    planner: { email: string; organizationId: string };
    referralReceiver: { email: string; organizationId: string };
    signIn: { email: string }[];
  };
  samples: {
    familyIds: string[];
    sipPlanId: string;
    referralIds: string[];
    directory: { q: string; taxonomyTermId: string; lat: number; lng: number; radiusKm: number };
  };
  /** Services the sample directory query finds (a check that it is a useful query). */
  directoryMatches: number;
}

type OrgKind = "cws" | "probation" | "w2w" | "provider" | "partnership" | "state";

interface OrgRow {
  o: number;
  id: string;
  name: string;
  type: OrganizationType;
  kind: OrgKind;
  county: number;
  countyName: string;
  provIndex: number;
  userStart: number;
  nUsers: number;
  planner: string;
}

interface UserRow {
  u: number;
  id: string;
  email: string;
  name: string;
  org: OrgRow;
  k: number;
  role: Role;
}

const PROVIDER_NAMES = [
  "Family Resource Center",
  "Family Services Network",
  "Community Action Partnership",
  "Youth and Family Services",
  "Parent Support Collaborative",
  "Healthy Start Center",
  "Children's Services Alliance",
  "Neighborhood Family Center",
];
const STATEWIDE_TA = [
  "Strong Foundations TA Network",
  "Early Childhood Systems TA Center",
  "Prevention Practice Institute",
  "Family Engagement Learning Center",
];
const HSDS_ADJECTIVES = [
  "Valley",
  "Hope",
  "Sunrise",
  "Community",
  "Harbor",
  "Golden",
  "Oak",
  "River",
  "Mission",
  "Unity",
];
const HSDS_NOUNS = [
  "Food Bank",
  "Family Services",
  "Counseling Center",
  "Housing Coalition",
  "Health Clinic",
  "Parent Network",
  "Youth Center",
  "Legal Aid Society",
  "Community Services",
  "Resource Center",
];
const SIP_MEASURES = ["P1", "P2", "P3", "P4", "S1", "S2", "3-P1", "4-E"];
const REFERRAL_REASONS = [
  "Family needs food assistance this month.",
  "Housing is unstable; the family faces eviction.",
  "Parent asked for parenting classes.",
  "Child needs counseling after a move.",
  "Parent wants help finding child care to start a job.",
  "Family needs legal help with a custody matter.",
];

function buildOrganizations(config: ScaleConfig, seed: number): { orgs: OrgRow[]; users: UserRow[] } {
  const orgs: OrgRow[] = [];
  const add = (o: Omit<OrgRow, "o" | "id" | "userStart" | "planner">) => {
    const index = orgs.length;
    orgs.push({ ...o, o: index, id: benchId(seed, `org:${index}`), userStart: 0, planner: "" });
  };
  const s = config.usersPerOrg;
  for (let c = 0; c < config.counties; c++) {
    const county = COUNTIES[c];
    if (!county) throw new Error(`only ${COUNTIES.length} counties are known`);
    const base = { county: c, countyName: county.name, provIndex: -1 };
    add({
      ...base,
      name: `${county.name} County Child Welfare Services`,
      type: "county_child_welfare",
      kind: "cws",
      nUsers: s.childWelfare,
    });
    add({
      ...base,
      name: `${county.name} County Probation Department`,
      type: "probation",
      kind: "probation",
      nUsers: s.probation,
    });
    add({
      ...base,
      name: `${county.name} County CalWORKs`,
      type: "welfare_to_work",
      kind: "w2w",
      nUsers: s.welfareToWork,
    });
    for (let p = 0; p < config.providersPerCounty; p++) {
      const provider = PROVIDER_NAMES[p % PROVIDER_NAMES.length] as string;
      const suffix = p >= PROVIDER_NAMES.length ? ` ${Math.floor(p / PROVIDER_NAMES.length) + 1}` : "";
      add({
        ...base,
        provIndex: p,
        name: `${county.name} ${provider}${suffix}`,
        type: "community_provider",
        kind: "provider",
        nUsers: s.provider,
      });
    }
    add({
      ...base,
      name: `${county.name} Children and Families Partnership`,
      type: "partnership",
      kind: "partnership",
      nUsers: s.partnership,
    });
  }
  for (let w = 0; w < config.statewideOrgs; w++) {
    const base = { county: 0, countyName: "California", provIndex: -1, nUsers: config.usersPerStatewideOrg };
    if (w === 0) {
      add({
        ...base,
        name: "California Department of Social Services, Children and Family Services",
        type: "state_agency",
        kind: "state",
      });
    } else if (w % 2 === 1) {
      const ta = STATEWIDE_TA[Math.floor(w / 2) % STATEWIDE_TA.length] as string;
      const round = Math.floor(w / 2 / STATEWIDE_TA.length);
      add({ ...base, name: round ? `${ta} Region ${round + 1}` : ta, type: "ta_provider", kind: "state" });
    } else {
      add({ ...base, name: `Statewide Prevention Partnership ${w / 2}`, type: "partnership", kind: "state" });
    }
  }
  const users: UserRow[] = [];
  for (const org of orgs) {
    org.userStart = users.length;
    for (let k = 0; k < org.nUsers; k++) {
      const u = users.length;
      const first = benchPick(seed, `user-first:${u}`, FIRST_NAMES);
      const last = benchPick(seed, `user-last:${u}`, LAST_NAMES);
      const role: Role = k === 0 ? "admin" : k === 1 ? "manager" : k === 2 ? "viewer" : "staff";
      users.push({
        u,
        id: benchId(seed, `user:${u}`),
        email: `${first}.${last}.${u}@bench.trellis.example`.toLowerCase(),
        name: `${first} ${last}`,
        org,
        k,
        role,
      });
    }
    org.planner = users[org.userStart + Math.min(1, org.nUsers - 1)]?.id ?? "";
  }
  return { orgs, users };
}

/** Tables filled with many rows: their plain indexes are built once, after the load. */
const BULK_TABLES = [
  "families",
  "family_members",
  "family_contacts",
  "family_closures",
  "service_plans",
  "consents",
  "plans",
  "plan_items",
  "hsds_organizations",
  "hsds_locations",
  "hsds_addresses",
  "hsds_services",
  "hsds_service_at_locations",
  "hsds_attributes",
  "hsds_schedules",
  "hsds_languages",
  "hsds_phones",
  "referrals",
  "referral_events",
  "audit_events",
];

const FAMILY_SERVING: OrgKind[] = ["cws", "probation", "w2w", "provider"];

function staffTitle(kind: OrgKind, role: Role): string {
  if (role === "admin") return kind === "state" ? "Bureau Chief" : "Deputy Director";
  if (role === "manager") return kind === "cws" ? "SIP Coordinator" : "Program Manager";
  if (role === "viewer") return "Analyst";
  switch (kind) {
    case "cws":
      return "Social Worker";
    case "probation":
      return "Probation Officer";
    case "w2w":
      return "Employment Counselor";
    case "provider":
      return "Family Support Coordinator";
    case "state":
      return "SIP Consultant";
    default:
      return "Coordinator";
  }
}

/** The item tree every plan of a template gets: 20 items (itemsPerPlan), tracked ones last in their branch. */
interface ShapeRow {
  key: string;
  idx: number;
  level: string;
  section: string;
  parent_idx: number | null;
  position: number;
  tracked: boolean;
  kind: string;
}

function planShapes(): ShapeRow[] {
  const rows: ShapeRow[] = [];
  const push = (key: string, r: Omit<ShapeRow, "key" | "idx">) => {
    const idx = rows.filter((x) => x.key === key).length;
    rows.push({ key, idx, ...r });
    return idx;
  };
  // County SIP: 2 components → goal → 2 strategies → 3 milestones each.
  for (let c = 0; c < 2; c++) {
    const component = push("county-sip", {
      level: "component",
      section: "components",
      parent_idx: null,
      position: c,
      tracked: false,
      kind: "component",
    });
    const goal = push("county-sip", {
      level: "goal",
      section: "components",
      parent_idx: component,
      position: 0,
      tracked: false,
      kind: "goal",
    });
    for (let s = 0; s < 2; s++) {
      const strategy = push("county-sip", {
        level: "strategy",
        section: "components",
        parent_idx: goal,
        position: s,
        tracked: false,
        kind: "strategy",
      });
      for (let m = 0; m < 3; m++)
        push("county-sip", {
          level: "milestone",
          section: "components",
          parent_idx: strategy,
          position: m,
          tracked: true,
          kind: "milestone",
        });
    }
  }
  // Linkages work plan: one implementation objective per section (two in administration), 4 action steps each.
  const sections = ["program_launch", "practice_development", "administration", "administration"];
  sections.forEach((section, i) => {
    const root = push("linkages-work-plan", {
      level: `topic_area_${section}`,
      section,
      parent_idx: null,
      position: i === 3 ? 1 : 0,
      tracked: false,
      kind: "topic",
    });
    for (let a = 0; a < 4; a++)
      push("linkages-work-plan", {
        level: "action_step",
        section,
        parent_idx: root,
        position: a,
        tracked: true,
        kind: "action_step",
      });
  });
  // Partnership work plan: 2 goals → 2 objectives → 3 action steps (+ a deliverable on the first objective).
  for (let g = 0; g < 2; g++) {
    const goal = push("partnership-work-plan", {
      level: "goal",
      section: "goals",
      parent_idx: null,
      position: g,
      tracked: false,
      kind: "goal",
    });
    for (let o = 0; o < 2; o++) {
      const objective = push("partnership-work-plan", {
        level: "objective",
        section: "goals",
        parent_idx: goal,
        position: o,
        tracked: false,
        kind: "objective",
      });
      for (let a = 0; a < 3; a++)
        push("partnership-work-plan", {
          level: "action_step",
          section: "goals",
          parent_idx: objective,
          position: a,
          tracked: true,
          kind: "action_step",
        });
      if (o === 0)
        push("partnership-work-plan", {
          level: "deliverable",
          section: "goals",
          parent_idx: objective,
          position: 3,
          tracked: true,
          kind: "deliverable",
        });
    }
  }
  return rows;
}

/** The first option of a select field of a template level (so generated fields pass the template's checks). */
function topicOptions(template: unknown, level: string): string[] {
  const t = template as {
    levels: { key: string; fields?: { key: string; options?: { value: string }[] }[] }[];
  };
  const field = t.levels.find((l) => l.key === level)?.fields?.find((f) => f.key === "topic");
  return (field?.options ?? []).map((o) => o.value);
}

export async function generateBenchData(database: Database, options: GenerateOptions): Promise<BenchSummary> {
  const config = SCALES[options.scale];
  const { seed } = options;
  const db = database.db;
  const exec = (text: string) => db.execute(sql.raw(text));
  const execSql = (query: SQL) => db.execute(query);
  const rowsOf = <T extends Record<string, unknown>>(text: string) => database.rows<T>(sql.raw(text));
  const report = options.onProgress ?? (() => {});
  const step = async (label: string, statements: string[]) => {
    report(label, 0, statements.length);
    for (let i = 0; i < statements.length; i++) {
      await exec(statements[i] as string);
      report(label, i + 1, statements.length);
    }
  };
  /** Rows built in Node, inserted as JSON in batches (column names are the table's). */
  const insertJson = async (table: string, rows: Record<string, unknown>[], batch = 2000) => {
    report(table, 0, rows.length);
    for (let i = 0; i < rows.length; i += batch) {
      const chunk = JSON.stringify(rows.slice(i, i + batch));
      await execSql(
        sql`insert into ${sql.identifier(table)} select * from jsonb_populate_recordset(null::${sql.identifier(table)}, ${chunk}::jsonb)`,
      );
      report(table, Math.min(rows.length, i + batch), rows.length);
    }
  };
  const scratch = async (name: string, columns: string, rows: Record<string, unknown>[]) => {
    await exec(`create table bench_gen.${name} (${columns})`);
    for (let i = 0; i < rows.length; i += 5000) {
      const chunk = JSON.stringify(rows.slice(i, i + 5000));
      await execSql(
        sql`insert into ${sql.raw(`bench_gen.${name}`)} select * from jsonb_populate_recordset(null::${sql.raw(`bench_gen.${name}`)}, ${chunk}::jsonb)`,
      );
    }
  };

  for (const statement of sqlHelpers(seed)) await exec(statement);
  // Bulk load: the big tables' plain indexes (not those behind constraints) are dropped now and recreated
  // from their own definitions at the end, which is much faster than maintaining them row by row.
  const tableList = BULK_TABLES.map(sqlString).join(", ");
  const indexes = await rowsOf<{ indexname: string; indexdef: string }>(
    `select i.indexname, i.indexdef from pg_indexes i where i.schemaname = 'public' and i.tablename in (${tableList})
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname) order by i.indexname`,
  );
  const deferred: string[] = [];
  report("drop indexes for the bulk load", 0, indexes.length);
  for (const index of indexes) {
    try {
      await exec(`drop index "${index.indexname}"`);
      deferred.push(index.indexdef);
    } catch {
      // Something depends on it: it stays.
    }
  }
  report("drop indexes for the bulk load", indexes.length, indexes.length);

  // ---- organizations, users, memberships ------------------------------------------------------------------
  const { orgs, users } = buildOrganizations(config, seed);
  const orgCreated = "2024-07-01T00:00:00.000Z";
  await insertJson(
    "organizations",
    orgs.map((o) => ({
      id: o.id,
      name: o.name,
      type: o.type,
      jurisdiction_kind: o.kind === "state" ? "state" : "county",
      jurisdiction_name: o.kind === "state" ? "California" : `${o.countyName} County`,
      state_code: "CA",
      created_at: orgCreated,
    })),
  );
  // The app's password hashing (Argon2id, library defaults), with a salt from the seed so runs are identical.
  const salt = Buffer.from(benchId(seed, "password-salt").replaceAll("-", ""), "hex");
  const passwordHash = await argon2Hash(BENCH_PASSWORD, { salt });
  await insertJson(
    "users",
    users.map((u) => ({
      id: u.id,
      email: u.email,
      name: u.name,
      password_hash: passwordHash,
      locale: benchRandom(seed, `locale:${u.u}`) < 0.15 ? "es" : "en",
      created_at: "2025-01-15T16:00:00.000Z",
      password_changed_at: null,
      last_active_organization_id: u.org.id,
    })),
  );
  await insertJson(
    "memberships",
    users.map((u) => ({
      organization_id: u.org.id,
      user_id: u.id,
      role: u.role,
      title: staffTitle(u.org.kind, u.role),
      privacy_officer: u.role === "admin" && u.org.kind !== "state",
      state_reviewer: u.org.type === "state_agency" && u.role === "staff",
      created_at: "2025-01-15T16:00:00.000Z",
    })),
  );
  const staff = users.filter((u) => FAMILY_SERVING.includes(u.org.kind) && u.role === "staff");
  await scratch(
    "org",
    "o int primary key, id uuid, name text, kind text, county int, county_name text, prov_index int, user_start int, n_users int, planner uuid",
    orgs.map((o) => ({
      o: o.o,
      id: o.id,
      name: o.name,
      kind: o.kind,
      county: o.county,
      county_name: o.countyName,
      prov_index: o.provIndex,
      user_start: o.userStart,
      n_users: o.nUsers,
      planner: o.planner,
    })),
  );
  await scratch(
    "staff",
    "s int primary key, user_id uuid, org_id uuid, county int",
    staff.map((u, s) => ({ s, user_id: u.id, org_id: u.org.id, county: u.org.county })),
  );
  // Per county: its child welfare agency and first resource center, and its slice of the directory.
  const nHsds = Math.ceil(config.hsdsServices / config.servicesPerHsdsOrganization);
  const countyRows = Array.from({ length: config.counties }, (_, c) => {
    const hsdsStart = Math.floor((c * nHsds) / config.counties);
    const hsdsEnd = Math.floor(((c + 1) * nHsds) / config.counties);
    const county = COUNTIES[c] as { name: string; lat: number; lng: number };
    const inCounty = orgs.filter((o) => o.county === c && o.kind !== "state");
    return {
      c,
      name: county.name,
      lat: county.lat,
      lng: county.lng,
      cws_id: inCounty.find((o) => o.kind === "cws")?.id,
      frc0_id: inCounty.find((o) => o.kind === "provider" && o.provIndex === 0)?.id,
      hsds_start: hsdsStart,
      hsds_count: hsdsEnd - hsdsStart,
      svc_start: hsdsStart * config.servicesPerHsdsOrganization,
      svc_end: Math.min(config.hsdsServices, hsdsEnd * config.servicesPerHsdsOrganization),
    };
  });
  await scratch(
    "county",
    "c int primary key, name text, lat float8, lng float8, cws_id uuid, frc0_id uuid, hsds_start int, hsds_count int, svc_start int, svc_end int",
    countyRows,
  );

  // ---- families and their records -------------------------------------------------------------------------
  const F = config.familiesPerStaff;
  const nFamilies = staff.length * F;
  const first = sqlTextArray(FIRST_NAMES);
  const last = sqlTextArray(LAST_NAMES);
  await step("families", [
    `create table bench_gen.fam as
      select i, bench_gen.id('family:' || i) as id, st.org_id, st.user_id as cm, st.county,
        case when i % ${F} < ${config.openPerStaff} then 'open' else 'closed' end as status,
        bench_gen.pick('fam-last:' || i, ${last}) as last_name,
        bench_gen.pick('fam-first:' || i, ${first}) as parent_first,
        bench_gen.pick('fam-child:' || i, ${first}) as child_first,
        case when bench_gen.r('fam-lang:' || i) < 0.35 then 'es' when bench_gen.r('fam-lang:' || i) < 0.9 then 'en'
          else bench_gen.pick('fam-lang2:' || i, array['vi', 'zh', 'hmn', 'tl']) end as language,
        '916' || lpad(((i * 7919 + 1000) % 10000000)::text, 7, '0') as phone_digits,
        ${BASE_D} - case when i % ${F} < ${config.openPerStaff} then 30 + bench_gen.i('enr:' || i, 1000)
          else 400 + bench_gen.i('enr:' || i, 1400) end as enrolled
      from generate_series(0, ${nFamilies - 1}) i join bench_gen.staff st on st.s = i / ${F}`,
    "alter table bench_gen.fam add column closed_on date",
    `update bench_gen.fam set closed_on = enrolled + 180 + bench_gen.i('closed:' || i, 180) where status = 'closed'`,
    `insert into families (organization_id, id, display_name, preferred_language, phone, phone_digits, email, address,
        referral_source, referral_date, program, enrollment_date, case_manager_user_id, status, intensity, intensity_reason,
        intensity_decided_at, merged_into_id, version, created_by, created_at, updated_at)
      select f.org_id, f.id, f.last_name || ' family', f.language,
        '(' || substr(f.phone_digits, 1, 3) || ') ' || substr(f.phone_digits, 4, 3) || '-' || substr(f.phone_digits, 7),
        f.phone_digits,
        case when bench_gen.r('fam-email:' || f.i) < 0.5 then lower(f.parent_first || '.' || f.last_name || f.i) || '@mail.example' end,
        (100 + f.i % 9000) || ' ' || bench_gen.pick('fam-street:' || f.i, array['Main St', 'Oak Ave', 'Mission Blvd', 'River Rd', 'Elm St']) || ', ' || c.name,
        bench_gen.pick('fam-src:' || f.i, array['Child welfare hotline', 'School', 'Self-referral', 'CalWORKs', 'Probation', 'Community partner']),
        f.enrolled - 7,
        bench_gen.pick('fam-prog:' || f.i, array['Family support', 'Differential response', 'Linkages', 'Prevention', 'Home visiting']),
        f.enrolled, f.cm, f.status,
        case when bench_gen.r('fam-int:' || f.i) < 0.3 then 'intensive' else 'standard' end,
        null, bench_gen.utc(f.enrolled + interval '20 days'), null, 1, f.cm, bench_gen.utc(f.enrolled + interval '9 hours'),
        bench_gen.utc(coalesce(f.closed_on, f.enrolled + 20) + interval '15 hours')
      from bench_gen.fam f join bench_gen.county c on c.c = f.county`,
  ]);
  await step("family_members", [
    `insert into family_members (organization_id, family_id, id, first_name, last_name, date_of_birth, relationship,
        preferred_language, phone, phone_digits, position)
      select f.org_id, f.id, bench_gen.id('member:' || f.i || ':' || k),
        case k when 0 then f.parent_first when 1 then f.child_first else bench_gen.pick('member-first:' || f.i || ':' || k, ${first}) end,
        f.last_name,
        case k when 0 then date '1978-01-01' + bench_gen.i('dob:' || f.i || ':0', 8000)
          else date '2010-01-01' + bench_gen.i('dob:' || f.i || ':' || k, 5000) end,
        case k when 0 then 'parent' when 3 then 'grandparent' else 'child' end,
        f.language, case when k = 0 then f.phone_digits end, case when k = 0 then f.phone_digits end, k
      from bench_gen.fam f cross join generate_series(0, 3) k
      where k < 2 or (k = 2 and bench_gen.r('member2:' || f.i) < 0.6) or (k = 3 and bench_gen.r('member3:' || f.i) < 0.1)`,
  ]);
  const C = config.contactsPerFamily;
  await step("family_contacts", [
    `insert into family_contacts (organization_id, family_id, id, contact_date, kind, duration_minutes, notes, services_review, created_by, created_at)
      select x.org_id, x.id, bench_gen.id('contact:' || x.i || ':' || x.n), x.d,
        bench_gen.pick('contact-kind:' || x.i || ':' || x.n, array['home_visit', 'phone', 'office', 'text', 'video', 'other']),
        15 + 15 * bench_gen.i('contact-dur:' || x.i || ':' || x.n, 6),
        bench_gen.pick('contact-note:' || x.i || ':' || x.n, ${sqlTextArray(CONTACT_NOTES)}),
        case when x.n = 0 then '[]'::jsonb else jsonb_build_array(jsonb_build_object('service', 'Parenting classes', 'appropriate', true, 'helpful', x.n % 3 <> 0)) end,
        x.cm, bench_gen.utc(x.d + interval '17 hours')
      from (select f.*, n, f.enrolled + ((coalesce(f.closed_on, ${BASE_D}) - f.enrolled) * (n + 1)) / ${C + 1} as d
        from bench_gen.fam f cross join generate_series(0, ${C - 1}) n) x`,
  ]);
  await step("family_closures, service_plans, consents", [
    `insert into family_closures (organization_id, family_id, id, closed_on, reason, goals_met, maintenance_plan, anticipated_needs,
        where_to_seek_help, closed_by, reopened_at, reopen_reason, created_at)
      select f.org_id, f.id, bench_gen.id('closure:' || f.i), f.closed_on,
        bench_gen.pick('closure-reason:' || f.i, array['Goals met', 'Family moved', 'Family declined further services', 'Transferred']),
        'Most service plan goals met.', 'Monthly check-in with the resource center.', 'Child care when the parent starts work.',
        'Family resource center drop-in hours and 211.', f.cm, null, null, bench_gen.utc(f.closed_on + interval '16 hours')
      from bench_gen.fam f where f.status = 'closed'`,
    `insert into service_plans (organization_id, family_id, revision, id, goals, disengagement, change_note, status, created_by,
        created_at, approved_by, approved_at)
      select f.org_id, f.id, 1, bench_gen.id('service-plan:' || f.i),
        jsonb_build_array(jsonb_build_object('goal', 'We want a safe, stable place to live.', 'domain', 'housing',
          'steps', jsonb_build_array(jsonb_build_object('action', 'Apply for rental assistance', 'who', 'Parent with case manager', 'when', 'This month')),
          'servicesNeeded', jsonb_build_array('Rental assistance'))),
        jsonb_build_object('when', 'In six months', 'how', 'Step down to monthly calls', 'needs', 'The 211 directory and the resource center'),
        null, 'active', f.cm, bench_gen.utc(f.enrolled + interval '14 days'), null, null
      from bench_gen.fam f where f.status = 'open'`,
    `insert into consents (organization_id, id, family_id, member_id, given_by_name, receiving_organization_ids, categories, purposes,
        effective_on, expires_on, method, typed_signature, signed_on, witness_name, notes, recorded_by, recorded_at, revoked_at, revoked_by,
        revocation_reason, version)
      select x.org_id, bench_gen.id('consent:' || x.i), x.id, bench_gen.id('member:' || x.i || ':0'), x.parent_first || ' ' || x.last_name,
        array[case when x.org_id = c.frc0_id then c.cws_id else c.frc0_id end],
        array['identity_contact', 'service_plan', 'referral_details']::text[], array['service_coordination', 'referral']::text[],
        x.enrolled + 3, x.enrolled + 368, x.method,
        case when x.method = 'typed_signature' then x.parent_first || ' ' || x.last_name end,
        case when x.method = 'typed_signature' then x.enrolled + 3 end,
        case when x.method = 'verbal' then 'Second staff member' end,
        null, x.cm, bench_gen.utc(x.enrolled + interval '3 days 10 hours'),
        case when x.revoked then bench_gen.utc(x.enrolled + interval '90 days') end, case when x.revoked then x.cm end,
        case when x.revoked then 'Parent withdrew consent.' end, case when x.revoked then 2 else 1 end
      from (select f.*, bench_gen.pick('consent-method:' || f.i, array['signed_form', 'typed_signature', 'verbal']) as method,
          bench_gen.r('consent-revoked:' || f.i) < 0.05 as revoked
        from bench_gen.fam f where bench_gen.r('consent:' || f.i) < 0.3) x
      join bench_gen.county c on c.c = x.county
      where c.frc0_id is not null and c.cws_id is not null`,
  ]);

  // ---- plans and plan items -------------------------------------------------------------------------------
  const templates = loadTemplates();
  const shapes = planShapes();
  const tplRows = ["county-sip", "linkages-work-plan", "partnership-work-plan"].map((key) => {
    const template = templates.latest(key);
    if (!template) throw new Error(`the ${key} template is missing`);
    return { key, version: template.version, def: template };
  });
  await scratch("tpl", "key text primary key, version int, def jsonb", tplRows);
  await scratch(
    "shape",
    "key text, idx int, level text, section text, parent_idx int, position int, tracked boolean, kind text",
    shapes.map((s) => ({ ...s })),
  );
  const linkagesTemplate = tplRows[1]?.def;
  const topics = (section: string) => sqlTextArray(topicOptions(linkagesTemplate, `topic_area_${section}`));
  const nOrgs = orgs.length;
  await step("plans", [
    `create table bench_gen.plan as
      select p, bench_gen.id('plan:' || p) as id, o.id as org_id, o.o, o.name as org_name, o.county_name, o.planner,
        o.user_start, o.n_users, o.county,
        case when p < ${nOrgs} and o.kind = 'cws' then 'county-sip' when p % 2 = 0 then 'linkages-work-plan'
          else 'partnership-work-plan' end as template_key,
        2024 + p % 3 as year
      from generate_series(0, ${config.plans - 1}) p join bench_gen.org o on o.o = p % ${nOrgs}`,
    `insert into plans (organization_id, id, template_key, template_version, template, title, values, period_start, period_end,
        status, version, created_by, created_at, updated_at, archived_at)
      select p.org_id, p.id, p.template_key, t.version, t.def,
        case p.template_key
          when 'county-sip' then p.county_name || ' County System Improvement Plan ' || p.year || '–' || (p.year + 4)
          when 'linkages-work-plan' then p.county_name || ' Linkages Work Plan ' || p.year || ' (' || p.p || ')'
          else p.org_name || ' Work Plan ' || p.year || ' (' || p.p || ')' end,
        case p.template_key
          when 'county-sip' then jsonb_build_object(
            'header', jsonb_build_object('county', p.county_name || ' County', 'responsible_agency', p.org_name,
              'period_of_outcomes_data', (p.year - 2) || '-10-01 to ' || (p.year - 1) || '-09-30', 'contact_name', 'SIP Coordinator',
              'contact_title', 'SIP Coordinator', 'youth_connection_available', false),
            'sections', jsonb_build_object('narrative', jsonb_build_object('local_planning_bodies',
              'The SIP team met monthly with the Child Abuse Prevention Council and the Probation Youth Services workgroup.')))
          when 'linkages-work-plan' then jsonb_build_object(
            'header', jsonb_build_object('county', p.county_name || ' County',
              'linkages_goal', 'Coordinated case plans for families served by both CalWORKs and Child Welfare.'),
            'sections', '{}'::jsonb)
          else jsonb_build_object('header', jsonb_build_object('work_group', p.org_name || ' work group',
              'description', 'Partners working together for children and families.'), 'sections', '{}'::jsonb) end,
        make_date(p.year, 1, 1), make_date(p.year + case when p.template_key = 'county-sip' then 4 else 1 end, 12, 31),
        'draft', 1, p.planner, bench_gen.utc(make_date(p.year, 1, 1) + interval '10 hours'), ${BASE_TS} - interval '24 hours' * (p.p % 90), null
      from bench_gen.plan p join bench_gen.tpl t on t.key = p.template_key`,
  ]);
  const steps = sqlTextArray(ACTION_STEPS);
  await step("plan_items", [
    `insert into plan_items (organization_id, plan_id, id, parent_id, section, level, position, title, fields, status,
        assignee_user_id, assignee_organization_id, assignee_text, due_date, timeframe, completed_at, version, updated_at, updated_by)
      select x.org_id, x.id, bench_gen.id('item:' || x.p || ':' || x.idx),
        case when x.parent_idx is not null then bench_gen.id('item:' || x.p || ':' || x.parent_idx) end,
        x.section, x.level, x.position,
        case x.kind
          when 'component' then bench_gen.pick('m:' || x.p || ':' || x.idx, ${sqlTextArray(SIP_MEASURES)}) || ' ' ||
            bench_gen.pick('ct:' || x.p || ':' || x.idx, array['Permanency in 12 months for children entering care', 'Maltreatment in foster care', 'Reentry to foster care', 'Placement stability'])
          when 'goal' then bench_gen.pick('g:' || x.p || ':' || x.idx, array['Increase permanency within 12 months to 35%.', 'Reduce reentry to foster care.', 'Every family has a coordinated case plan.', 'Strengthen prevention services in every community.'])
          when 'strategy' then bench_gen.pick('s:' || x.p || ':' || x.idx, array['Hold a family team meeting within 30 days of every removal.', 'Expand family resource center services.', 'Train staff in trauma-informed practice.'])
          when 'topic' then bench_gen.pick('t:' || x.p || ':' || x.idx, array['Staff identify eligible families with an agreed screening tool.', 'Program vision, mission and guiding principles guide the work.', 'Data on shared families is reported quarterly.'])
          when 'objective' then bench_gen.pick('o:' || x.p || ':' || x.idx, array['Build a shared referral pathway.', 'Increase parent voice in planning.', 'Align funding across partners.'])
          when 'deliverable' then 'Quarterly progress report'
          else bench_gen.pick('a:' || x.p || ':' || x.idx, ${steps}) end,
        case x.kind
          when 'component' then jsonb_build_object('measure_code', bench_gen.pick('m:' || x.p || ':' || x.idx, ${sqlTextArray(SIP_MEASURES)}),
            'current_performance', (20 + bench_gen.i('cp:' || x.p || ':' || x.idx, 20)) || '% of children (state 35.2%).', 'probation', x.position = 1)
          when 'strategy' then jsonb_build_object('rationale', 'Builds on the county''s family engagement work and addresses the root causes found in the assessment.')
          when 'topic' then jsonb_build_object('topic', case x.section
            when 'program_launch' then bench_gen.pick('tp:' || x.p || ':' || x.idx, ${topics("program_launch")})
            when 'practice_development' then bench_gen.pick('tp:' || x.p || ':' || x.idx, ${topics("practice_development")})
            else bench_gen.pick('tp:' || x.p || ':' || x.idx, ${topics("administration")}) end)
          when 'deliverable' then jsonb_build_object('result', 'Report shared with all partners.')
          else '{}'::jsonb end,
        x.status,
        case when x.tracked and x.ra < 0.35 then x.planner
          when x.tracked and x.ra < 0.8 then bench_gen.id('user:' || (x.user_start + bench_gen.i('au:' || x.p || ':' || x.idx, x.n_users))) end,
        case when x.tracked and x.ra >= 0.8 and x.ra < 0.9 then coalesce(c.frc0_id, x.org_id) end,
        case when x.tracked and x.ra >= 0.9 then bench_gen.pick('at:' || x.p || ':' || x.idx, array['Planning Team', 'CSDWG/Staffer', 'SIP team', 'LCs & County Counsel']) end,
        x.due, case when x.tracked and x.kind <> 'action_step' or x.key = 'partnership-work-plan' and x.tracked
          then bench_gen.pick('tf:' || x.p || ':' || x.idx, array['3 months', '6 months', '12 months']) end,
        case when x.status = 'completed' then bench_gen.utc((x.due - 3) + interval '15 hours') end,
        1, ${BASE_TS} - interval '1 hour' * bench_gen.i('up:' || x.p || ':' || x.idx, 4000), x.planner
      from (select p.*, sh.*,
          case when sh.tracked then
            case when bench_gen.r('st:' || p.p || ':' || sh.idx) < 0.35 then 'not_started'
              when bench_gen.r('st:' || p.p || ':' || sh.idx) < 0.6 then 'in_progress'
              when bench_gen.r('st:' || p.p || ':' || sh.idx) < 0.85 then 'completed'
              when bench_gen.r('st:' || p.p || ':' || sh.idx) < 0.93 then 'deferred' else 'dropped' end end as status,
          bench_gen.r('as:' || p.p || ':' || sh.idx) as ra,
          case when sh.tracked or sh.kind = 'topic' then ${BASE_D} - 180 + bench_gen.i('due:' || p.p || ':' || sh.idx, 540) end as due
        from bench_gen.plan p join bench_gen.shape sh on sh.key = p.template_key) x
      left join bench_gen.county c on c.c = x.county`,
    `insert into sip_team_members (organization_id, plan_id, id, name, affiliation, category, representative, consulted_how, created_at)
      select p.org_id, p.id, bench_gen.id('team:' || p.p || ':' || k),
        bench_gen.pick('team-first:' || p.p || ':' || k, ${first}) || ' ' || bench_gen.pick('team-last:' || p.p || ':' || k, ${last}),
        p.county_name || (array[' County CWS', ' County CWS', ' County CWS', ' County Probation', ' County Probation', ' Family Resource Center', ' Foster Parent Association'])[k + 1],
        case when k < 5 then 'core' when k = 5 then 'must_consult' else 'may_consult' end,
        (array['cws_administrator', 'cws_manager', 'cws_social_worker', 'probation', 'probation_officer', 'community_partner', 'foster_parent'])[k + 1],
        case when k >= 5 then 'Focus group' end, bench_gen.utc(make_date(p.year, 1, 15) + interval '10 hours')
      from bench_gen.plan p cross join generate_series(0, 6) k where p.template_key = 'county-sip'`,
  ]);

  // ---- the service directory (HSDS) -----------------------------------------------------------------------
  const taxonomyId = benchId(seed, "taxonomy");
  const termId = (code: string) => benchId(seed, `term:${code}`);
  const stewardOf = countyRows[0]?.cws_id as string;
  const hsdsStamp = { created_at: "2026-01-15T09:00:00.000Z", updated_at: "2026-01-15T09:00:00.000Z" };
  await insertJson("hsds_taxonomies", [
    {
      id: taxonomyId,
      steward_organization_id: stewardOf,
      record: {
        id: taxonomyId,
        name: "California family services categories",
        description: "Categories used to find services for children and families.",
        uri: "https://trellis.example/taxonomy/california",
        version: "1",
      },
      ...hsdsStamp,
      name: "California family services categories",
    },
  ]);
  await insertJson(
    "hsds_taxonomy_terms",
    TAXONOMY_TERMS.map((t) => {
      const record = {
        id: termId(t.code),
        code: t.code,
        name: t.name,
        description: `${t.name} services for children and families.`,
        taxonomy_id: taxonomyId,
        ...(t.parent ? { parent_id: termId(t.parent) } : {}),
        language: "en",
      };
      return {
        id: record.id,
        steward_organization_id: stewardOf,
        record,
        ...hsdsStamp,
        taxonomy_id: taxonomyId,
        parent_id: t.parent ? termId(t.parent) : null,
        code: t.code,
        name: t.name,
      };
    }),
  );
  await scratch(
    "kind",
    "k int primary key, name text, description text, term_id uuid",
    SERVICE_KINDS.map((s, k) => ({ k, name: s.name, description: s.description, term_id: termId(s.term) })),
  );
  const SPO = config.servicesPerHsdsOrganization;
  const LPO = config.locationsPerHsdsOrganization;
  const nKinds = SERVICE_KINDS.length;
  const stamp = "timestamptz '2026-01-15 09:00:00+00'";
  const base = (steward: string) => `${steward}, ${stamp}, ${stamp}`;
  await step("hsds_organizations, locations, addresses", [
    `create table bench_gen.hsorg as
      select h, bench_gen.id('hsds-org:' || h) as id, c.c as county, c.name as county_name, c.lat, c.lng,
        coalesce(c.cws_id, '${stewardOf}'::uuid) as steward,
        bench_gen.pick('ho-adj:' || h, ${sqlTextArray(HSDS_ADJECTIVES)}) || ' ' || bench_gen.pick('ho-noun:' || h, ${sqlTextArray(HSDS_NOUNS)}) || ' of ' || c.name as name
      from generate_series(0, ${nHsds - 1}) h join bench_gen.county c on h >= c.hsds_start and h < c.hsds_start + c.hsds_count`,
    `insert into hsds_organizations (id, steward_organization_id, created_at, updated_at, record, name, parent_organization_id)
      select o.id, ${base("o.steward")}, jsonb_build_object('id', o.id, 'name', o.name,
          'description', o.name || ' serves children and families in ' || o.county_name || ' County.',
          'website', 'https://org' || o.h || '.directory.example', 'email', 'info@org' || o.h || '.directory.example'),
        o.name, null
      from bench_gen.hsorg o`,
    `create table bench_gen.loc as
      select l, bench_gen.id('hsds-location:' || l) as id, o.id as org_id, o.steward, o.county_name,
        o.name || ' — ' || (array['Main office', 'North site', 'Community center', 'South site'])[1 + l % 4] as name,
        round((o.lat + (bench_gen.r('lat:' || l) - 0.5) * 0.5)::numeric, 5)::float8 as lat,
        round((o.lng + (bench_gen.r('lng:' || l) - 0.5) * 0.6)::numeric, 5)::float8 as lng,
        '9' || lpad(((l * 37) % 6000 + 3000)::text, 4, '0') as postal
      from generate_series(0, ${nHsds * LPO - 1}) l join bench_gen.hsorg o on o.h = l / ${LPO}`,
    `insert into hsds_locations (id, steward_organization_id, created_at, updated_at, record, organization_id, name, location_type, latitude, longitude)
      select l.id, ${base("l.steward")}, jsonb_build_object('id', l.id, 'location_type', 'physical', 'organization_id', l.org_id,
          'name', l.name, 'latitude', l.lat, 'longitude', l.lng),
        l.org_id, l.name, 'physical', l.lat, l.lng
      from bench_gen.loc l`,
    `insert into hsds_addresses (id, steward_organization_id, created_at, updated_at, record, location_id, postal_code)
      select bench_gen.id('hsds-address:' || l.l), ${base("l.steward")}, jsonb_build_object('id', bench_gen.id('hsds-address:' || l.l),
          'location_id', l.id, 'address_1', (100 + l.l % 900) || ' ' || (array['Main St', 'Oak Ave', 'Mission Blvd', 'River Rd'])[1 + l.l % 4],
          'city', l.county_name, 'state_province', 'CA', 'postal_code', l.postal, 'country', 'US', 'address_type', 'physical'),
        l.id, l.postal
      from bench_gen.loc l`,
  ]);
  await step("hsds_services and their links", [
    `create table bench_gen.svc as
      select s, bench_gen.id('hsds-service:' || s) as id, o.id as org_id, o.h, o.steward, o.name as org_name, k.name, k.description, k.term_id,
        bench_gen.i('svc-kind2:' || s, ${nKinds}) as kind2
      from generate_series(0, ${config.hsdsServices - 1}) s
      join bench_gen.hsorg o on o.h = s / ${SPO}
      join bench_gen.kind k on k.k = bench_gen.i('svc-kind:' || s, ${nKinds})`,
    `insert into hsds_services (id, steward_organization_id, created_at, updated_at, record, organization_id, program_id, name, status, last_modified)
      select v.id, ${base("v.steward")}, jsonb_build_object('id', v.id, 'organization_id', v.org_id, 'name', v.name,
          'description', v.description || ' Offered by ' || v.org_name || '.',
          'eligibility_description', 'Families with children living in the county.', 'status', v.status,
          'last_modified', '2026-01-15T09:00:00.000Z'),
        v.org_id, null, v.name, v.status, ${stamp}
      from (select *, case when bench_gen.r('svc-status:' || s) < 0.03 then 'inactive' else 'active' end as status from bench_gen.svc) v`,
    `insert into hsds_service_at_locations (id, steward_organization_id, created_at, updated_at, record, service_id, location_id)
      select x.id, ${base("x.steward")}, jsonb_build_object('id', x.id, 'service_id', x.sid, 'location_id', x.lid), x.sid, x.lid
      from (select bench_gen.id('hsds-sal:' || v.s || ':' || j) as id, v.steward, v.id as sid,
          bench_gen.id('hsds-location:' || (v.h * ${LPO} + (v.s + j) % ${LPO})) as lid
        from bench_gen.svc v cross join generate_series(0, 1) j
        where j = 0 or (${LPO} > 1 and bench_gen.r('sal2:' || v.s) < 0.2)) x`,
    `insert into hsds_attributes (id, steward_organization_id, created_at, updated_at, record, link_id, link_type, link_entity, taxonomy_term_id)
      select x.id, ${base("x.steward")}, jsonb_build_object('id', x.id, 'link_id', x.sid, 'link_type', 'service_category',
          'link_entity', 'service', 'taxonomy_term_id', x.term_id), x.sid, 'service_category', 'service', x.term_id
      from (select bench_gen.id('hsds-attribute:' || v.s || ':0') as id, v.steward, v.id as sid, v.term_id from bench_gen.svc v
        union all
        select bench_gen.id('hsds-attribute:' || v.s || ':1'), v.steward, v.id, k.term_id from bench_gen.svc v join bench_gen.kind k on k.k = v.kind2
        where bench_gen.r('attr2:' || v.s) < 0.3 and k.term_id <> v.term_id) x`,
    `insert into hsds_schedules (id, steward_organization_id, created_at, updated_at, record, service_id, location_id, service_at_location_id)
      select x.id, ${base("x.steward")}, jsonb_build_object('id', x.id, 'service_id', x.sid, 'freq', 'WEEKLY', 'byday', x.days,
          'opens_at', x.opens, 'closes_at', x.closes, 'description', x.days || ' ' || x.opens || '–' || x.closes), x.sid, null, null
      from (select bench_gen.id('hsds-schedule:' || v.s) as id, v.steward, v.id as sid,
          (array['MO,TU,WE,TH,FR', 'MO,WE,FR', 'TU,TH', 'SA'])[1 + bench_gen.i('days:' || v.s, 4)] as days,
          (array['08:30', '09:00', '10:00'])[1 + bench_gen.i('opens:' || v.s, 3)] as opens,
          (array['17:00', '16:00', '19:30'])[1 + bench_gen.i('closes:' || v.s, 3)] as closes
        from bench_gen.svc v) x`,
    `insert into hsds_languages (id, steward_organization_id, created_at, updated_at, record, service_id, location_id, phone_id, code)
      select x.id, ${base("x.steward")}, jsonb_build_object('id', x.id, 'service_id', x.sid, 'code', x.code, 'name', x.lname), x.sid, null, null, x.code
      from (select bench_gen.id('hsds-language:' || v.s || ':en') as id, v.steward, v.id as sid, 'en' as code, 'English' as lname from bench_gen.svc v
        union all
        select bench_gen.id('hsds-language:' || v.s || ':es'), v.steward, v.id, 'es', 'Spanish' from bench_gen.svc v where bench_gen.r('lang-es:' || v.s) < 0.45) x`,
    `insert into hsds_phones (id, steward_organization_id, created_at, updated_at, record, location_id, service_id, organization_id, contact_id, service_at_location_id)
      select x.id, ${base("x.steward")}, jsonb_build_object('id', x.id, 'service_id', x.sid, 'number', x.number, 'type', 'voice'), null, x.sid, null, null, null
      from (select bench_gen.id('hsds-phone:' || v.s) as id, v.steward, v.id as sid,
          '(916) 555-' || lpad((v.s % 10000)::text, 4, '0') as number from bench_gen.svc v) x`,
  ]);
  report("search documents", 0, 1);
  await refreshSearchDocuments(db, "all");
  report("search documents", 1, 1);

  // ---- referrals ------------------------------------------------------------------------------------------
  await step("referrals", [
    `insert into referral_provider_links (organization_id, hsds_organization_id, linked_by, linked_at)
      select o.id, h.id, o.planner, timestamptz '2026-02-01 10:00:00+00'
      from bench_gen.hsorg h
      join bench_gen.org o on o.kind = 'provider' and o.county = h.county and o.prov_index =
        case when bench_gen.r('link-frc:' || h.h) < 0.6 then 0
          else 1 + bench_gen.i('link-prov:' || h.h, greatest(1, ${config.providersPerCounty - 1})) end % ${config.providersPerCounty}
      where bench_gen.r('link:' || h.h) < 0.7`,
    `create table bench_gen.ref as
      select x.*,
        case when x.st = 'cancelled_accepted' then 'cancelled' else x.st end as status,
        x.sent_at + interval '1 hour' * (2 + bench_gen.i('acc:' || x.r, 94)) as accepted_at0
      from (select r, bench_gen.id('referral:' || r) as id, f.org_id, f.id as family_id, f.i as fi, f.cm, f.language,
          f.parent_first || ' ' || f.last_name as contact_name, f.phone_digits,
          v.id as service_id, v.s, v.name as service_name, v.org_name as provider_name, h.id as hsds_org_id, l.organization_id as receiver,
          case when bench_gen.r('rst:' || r) < 0.25 then 'sent' when bench_gen.r('rst:' || r) < 0.5 then 'accepted'
            when bench_gen.r('rst:' || r) < 0.6 then 'declined' when bench_gen.r('rst:' || r) < 0.82 then 'completed'
            when bench_gen.r('rst:' || r) < 0.9 then 'not_completed' when bench_gen.r('rst:' || r) < 0.95 then 'cancelled'
            else 'cancelled_accepted' end as st,
          f.enrolled + interval '1 minute' * bench_gen.i('rt:' || r,
            greatest(1, (coalesce(f.closed_on, ${BASE_D}) - f.enrolled - 40)) * 1440) as sent_at
        from generate_series(0, ${config.referrals - 1}) r
        join bench_gen.fam f on f.i = bench_gen.i('rf:' || r, ${nFamilies})
        join bench_gen.county c on c.c = f.county
        join bench_gen.svc v on v.s = c.svc_start + bench_gen.i('rs:' || r, c.svc_end - c.svc_start)
        join bench_gen.hsorg h on h.h = v.h
        left join referral_provider_links l on l.hsds_organization_id = h.id) x`,
    `alter table bench_gen.ref add column accepted_at timestamp, add column closed_at timestamp, add column receiver_user uuid`,
    `update bench_gen.ref set
        accepted_at = case when st in ('accepted', 'completed', 'not_completed', 'cancelled_accepted') then accepted_at0 end,
        closed_at = case when st in ('declined', 'cancelled') then accepted_at0
          when st in ('completed', 'not_completed', 'cancelled_accepted') then accepted_at0 + interval '1 day' * (3 + bench_gen.i('close:' || r, 27)) end`,
    `update bench_gen.ref x set receiver_user = o.planner from bench_gen.org o where o.id = x.receiver`,
    `insert into referrals (organization_id, id, family_id, plan_revision, goal_index, goal_text, service_id, service_at_location_id,
        service_name, provider_name, hsds_organization_id, receiving_organization_id, status, shared_contact_name, shared_language,
        shared_phone, shared_reason, emailed_to, emailed_at, sent_by, sent_at, accepted_at, closed_at, version, updated_at)
      select x.org_id, x.id, x.family_id, null, null, null, x.service_id, bench_gen.id('hsds-sal:' || x.s || ':0'),
        x.service_name, x.provider_name, x.hsds_org_id, x.receiver, x.status, x.contact_name, x.language,
        x.phone_digits, bench_gen.pick('reason:' || x.r, ${sqlTextArray(REFERRAL_REASONS)}), null, null, x.cm,
        bench_gen.utc(x.sent_at), bench_gen.utc(x.accepted_at), bench_gen.utc(x.closed_at),
        1 + (x.accepted_at is not null)::int + (x.closed_at is not null)::int,
        bench_gen.utc(coalesce(x.closed_at, x.accepted_at, x.sent_at))
      from bench_gen.ref x`,
    `insert into referral_events (organization_id, referral_id, id, from_status, to_status, note, side, actor_user_id, occurred_at)
      select x.org_id, x.id, bench_gen.id('referral-event:' || x.r || ':0'), null, 'sent', null, 'sender', x.cm, bench_gen.utc(x.sent_at) from bench_gen.ref x
      union all
      select x.org_id, x.id, bench_gen.id('referral-event:' || x.r || ':1'), 'sent', 'accepted', null,
        case when x.receiver is null then 'sender' else 'receiver' end, coalesce(x.receiver_user, x.cm), bench_gen.utc(x.accepted_at)
      from bench_gen.ref x where x.accepted_at is not null
      union all
      select x.org_id, x.id, bench_gen.id('referral-event:' || x.r || ':2'),
        case when x.accepted_at is null then 'sent' else 'accepted' end, x.status,
        case x.status when 'declined' then 'No openings this month.' when 'completed' then 'Family attended all sessions.'
          when 'not_completed' then 'Family stopped attending.' else null end,
        case when x.status = 'cancelled' or x.receiver is null then 'sender' else 'receiver' end,
        case when x.status = 'cancelled' or x.receiver is null then x.cm else x.receiver_user end, bench_gen.utc(x.closed_at)
      from bench_gen.ref x where x.closed_at is not null`,
  ]);

  // ---- the audit chain ------------------------------------------------------------------------------------
  const familyRows = await rowsOf<{ id: string; organization_id: string; case_manager_user_id: string }>(
    "select id, organization_id, case_manager_user_id from families order by id",
  );
  const referralRows = await rowsOf<{
    id: string;
    organization_id: string;
    family_id: string;
    receiving_organization_id: string | null;
  }>("select id, organization_id, family_id, receiving_organization_id from referrals order by id");
  const planRows = await rowsOf<{ id: string; organization_id: string }>(
    "select id, organization_id from plans order by id",
  );
  const usersById = new Map(users.map((u) => [u.id, u]));
  const usersByOrg = new Map<string, UserRow[]>();
  for (const u of users) usersByOrg.set(u.org.id, [...(usersByOrg.get(u.org.id) ?? []), u]);
  const rnd = seededStream(seed, "audit");
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const N = config.auditEvents;
  const start = Date.parse(`${BASE_DATE}T00:00:00.000Z`) - 365 * 86_400_000;
  const stepMs = (365 * 86_400_000) / N;
  let prevHash = GENESIS_HASH;
  const batchSize = 10_000;
  let pending: Promise<unknown> = Promise.resolve();
  report("audit_events", 0, N);
  for (let b = 0; b < N; b += batchSize) {
    const batch: Record<string, unknown>[] = [];
    for (let n = b; n < Math.min(N, b + batchSize); n++) {
      const kind = rnd();
      let actor: UserRow = pick(users);
      let organizationId: string | null = actor.org.id;
      let action = "family.list";
      let resourceType: string | null = null;
      let resourceId: string | null = null;
      let outcome: "success" | "denied" | "failure" = "success";
      let metadata: Record<string, unknown> | null = null;
      if (kind < 0.08) {
        action = "auth.sign_in";
        resourceType = "user";
        resourceId = actor.id;
        if (rnd() < 0.04) outcome = "failure";
      } else if (kind < 0.63 && familyRows.length > 0) {
        const family = pick(familyRows);
        const cm = usersById.get(family.case_manager_user_id);
        const colleagues = usersByOrg.get(family.organization_id) ?? [];
        actor = (rnd() < 0.8 ? cm : pick(colleagues)) ?? actor;
        organizationId = family.organization_id;
        resourceType = "family";
        resourceId = family.id;
        metadata = { familyId: family.id };
        if (kind < 0.45) action = "family.read";
        else if (kind < 0.55) action = "family.contact.log";
        else if (kind < 0.6) action = "family.update";
        else {
          // Someone of another organization tried to open the record.
          action = "family.read";
          outcome = "denied";
          actor = pick(users);
          metadata = { familyId: family.id, actorOrganizationId: actor.org.id };
        }
      } else if (kind < 0.75 && planRows.length > 0) {
        const plan = pick(planRows);
        actor = pick(usersByOrg.get(plan.organization_id) ?? users);
        organizationId = plan.organization_id;
        resourceType = "plan";
        resourceId = plan.id;
        action = kind < 0.7 ? "plan.read" : "plan.item.update";
      } else if (kind < 0.9 && referralRows.length > 0) {
        const referral = pick(referralRows);
        const receiving = referral.receiving_organization_id;
        const side = receiving && rnd() < 0.5 ? receiving : referral.organization_id;
        actor = pick(usersByOrg.get(side) ?? users);
        organizationId = referral.organization_id;
        resourceType = "referral";
        resourceId = referral.id;
        action = kind < 0.84 ? "referral.read" : "referral.update_status";
        metadata = { familyId: referral.family_id, actorOrganizationId: actor.org.id };
      } else if (kind < 0.95 && familyRows.length > 0) {
        const family = pick(familyRows);
        actor = usersById.get(family.case_manager_user_id) ?? actor;
        organizationId = family.organization_id;
        action = "consent.read";
        resourceType = "family";
        resourceId = family.id;
        metadata = { familyId: family.id };
      }
      const signInFailed = action === "auth.sign_in" && outcome === "failure";
      const fields: ChainedFields = {
        occurredAt: new Date(start + Math.floor(n * stepMs)),
        actorUserId: signInFailed ? null : actor.id,
        actorEmail: actor.email,
        organizationId: signInFailed ? null : organizationId,
        action,
        resourceType: signInFailed ? null : resourceType,
        resourceId: signInFailed ? null : resourceId,
        outcome,
        requestId: `bench-${n.toString(36)}`,
        ip: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
        metadata,
      };
      const hash = chainHash(prevHash, fields);
      batch.push({
        seq: n + 1,
        id: benchId(seed, `audit:${n}`),
        occurred_at: fields.occurredAt.toISOString(),
        actor_user_id: fields.actorUserId,
        actor_email: fields.actorEmail,
        organization_id: fields.organizationId,
        action,
        resource_type: fields.resourceType,
        resource_id: fields.resourceId,
        outcome,
        request_id: fields.requestId,
        ip: fields.ip,
        metadata,
        prev_hash: prevHash,
        hash,
      });
      prevHash = hash;
    }
    await pending;
    const json = JSON.stringify(batch);
    const done = Math.min(N, b + batchSize);
    pending = execSql(
      sql`insert into audit_events select * from jsonb_populate_recordset(null::audit_events, ${json}::jsonb)`,
    ).then(() => report("audit_events", done, N));
  }
  await pending;
  if (N > 0) await exec(`select setval(pg_get_serial_sequence('audit_events', 'seq'), ${N})`);

  // ---- samples for the load benchmark ---------------------------------------------------------------------
  const cws0 = orgs.find((o) => o.kind === "cws" && o.county === 0) as OrgRow;
  const frc0 = orgs.find((o) => o.kind === "provider" && o.county === 0 && o.provIndex === 0) as OrgRow;
  const caseManager = users.find((u) => u.org === cws0 && u.role === "staff") as UserRow;
  const planner = users.find((u) => u.org === cws0 && u.role === "manager") as UserRow;
  const receiver = users.find((u) => u.org === frc0 && u.role === "manager") as UserRow;
  const familyIds = (
    await rowsOf<{ id: string }>(
      `select id from families where organization_id = ${sqlString(cws0.id)}
        order by (case_manager_user_id = ${sqlString(caseManager.id)}) desc, id limit 200`,
    )
  ).map((r) => r.id);
  const referralIds = (
    await rowsOf<{ id: string }>(
      `select id from referrals where receiving_organization_id = ${sqlString(frc0.id)} and status in ('sent', 'accepted')
        order by id limit 2000`,
    )
  ).map((r) => r.id);
  const directory = { q: "food", taxonomyTermId: termId("food"), lat: 38.58, lng: -121.49, radiusKm: 25 };
  const found = await findServices(
    db,
    {
      search: directory.q,
      taxonomyTermId: directory.taxonomyTermId,
      near: { lat: directory.lat, lng: directory.lng, radiusMeters: directory.radiusKm * 1000 },
    },
    { offset: 0, limit: 1 },
  );

  await exec("drop schema bench_gen cascade");
  report("recreate indexes", 0, deferred.length);
  for (let i = 0; i < deferred.length; i++) {
    await exec(deferred[i] as string);
    report("recreate indexes", i + 1, deferred.length);
  }
  // Statistics for the planner, and the visibility map set, as a database that has lived a while has them
  // (index-only scans, e.g. counting services, depend on it).
  report("vacuum analyze", 0, 1);
  await exec("vacuum analyze");
  report("vacuum analyze", 1, 1);
  const countOf = async (table: string) =>
    Number((await rowsOf<{ n: number | string }>(`select count(*) as n from ${table}`))[0]?.n ?? 0);
  const counts: BenchCounts = {
    organizations: await countOf("organizations"),
    users: await countOf("users"),
    plans: await countOf("plans"),
    planItems: await countOf("plan_items"),
    families: await countOf("families"),
    familyContacts: await countOf("family_contacts"),
    hsdsServices: await countOf("hsds_services"),
    referrals: await countOf("referrals"),
    auditEvents: await countOf("audit_events"),
  };
  return {
    counts,
    accounts: {
      caseManager: { email: caseManager.email, organizationId: cws0.id },
      planner: { email: planner.email, organizationId: cws0.id },
      referralReceiver: { email: receiver.email, organizationId: frc0.id },
      signIn: users.slice(0, 200).map((u) => ({ email: u.email })),
    },
    samples: { familyIds, sipPlanId: benchId(seed, `plan:${cws0.o}`), referralIds, directory },
    directoryMatches: found.total,
  };
}
