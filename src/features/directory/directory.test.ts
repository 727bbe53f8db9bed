import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { inArray } from "drizzle-orm";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addMembership,
  auditEventsFor,
  createOrganization,
  createOrganizationWithRoles,
  createTestApp,
  createUser,
  type Session,
  type TestContext,
} from "../../../test/helpers.ts";
import { hsdsServices } from "../../db/schema/index.ts";
import { directoryCommand } from "./directory.cli.ts";
import { anyCountyDirectory, demoId, officialExampleFiles } from "./directory.demo.ts";
import { checkAgainst, HSDS_DIR, RESOURCES } from "./hsds.schemas.ts";

let ctx: TestContext;
let steward: Awaited<ReturnType<typeof createOrganizationWithRoles>>;
let other: Awaited<ReturnType<typeof createOrganizationWithRoles>>;

const importJson = (session: Session, body: unknown, query = "") =>
  session.inject({ method: "POST", url: `/api/directory/import${query}`, payload: body as object });

async function zipOf(files: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(files)) zip.file(name, content);
  return zip.generateAsync({ type: "nodebuffer" });
}

function officialCsvFiles(): Record<string, Buffer> {
  const dir = path.join(HSDS_DIR, "examples/csv");
  return Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(path.join(dir, f))]));
}

const importZip = (session: Session, zip: Buffer, query = "") =>
  session.inject({
    method: "POST",
    url: `/api/directory/import${query}`,
    headers: { "content-type": "application/zip" },
    payload: zip,
  });

const countServices = async () => (await ctx.database.db.select().from(hsdsServices)).length;

beforeAll(async () => {
  ctx = await createTestApp();
  steward = await createOrganizationWithRoles(ctx);
  other = await createOrganizationWithRoles(ctx);
});
afterAll(() => ctx.close());

describe("HSDS import", () => {
  it("imports every official example: objects, list pages, tabular JSON and the CSV data package", async () => {
    for (const file of officialExampleFiles()) {
      const response = await steward.manager.inject({
        method: "POST",
        url: `/api/directory/import?fileName=${path.basename(file)}`,
        headers: { "content-type": "application/json" },
        payload: readFileSync(file),
      });
      expect(response.statusCode, `${path.basename(file)}: ${response.body}`).toBe(200);
      expect(response.json().rejected).toBe(0);
    }
    const csv = await importZip(steward.manager, await zipOf(officialCsvFiles()));
    expect(csv.statusCode, csv.body).toBe(200);
    const service = (
      await steward.staff.inject({
        method: "GET",
        url: "/hsds/services/ac148810-d857-441c-9679-408f346de14b",
      })
    ).json();
    expect(service.name).toBe("Community Counselling");
    expect(service.organization.name).toBe("Example Organization Inc.");
    expect(service.phones.length).toBeGreaterThan(0);
  });

  it("re-imports by id and reports what was created, updated and unchanged", async () => {
    const directory = anyCountyDirectory();
    const first = (await importJson(steward.manager, directory)).json();
    expect(first.tables.service.created).toBe(directory.service?.length);
    const again = (await importJson(steward.manager, directory)).json();
    expect(again).toMatchObject({ created: 0, updated: 0 });
    expect(again.unchanged).toBe(first.created);
    const changed = structuredClone(directory);
    const food = changed.service?.find((s) => s.name === "Community Food Pantry");
    if (!food) throw new Error("demo data changed");
    food.description = "Groceries every Saturday.";
    const third = (await importJson(steward.manager, changed)).json();
    expect(third.tables.service).toEqual({
      created: 0,
      updated: 1,
      unchanged: (directory.service?.length ?? 0) - 1,
    });
    await importJson(steward.manager, directory);
  });

  it("re-indexes the services an import of only their organization, location or term touches", async () => {
    const directory = anyCountyDirectory();
    await importJson(steward.manager, directory);
    const nurse = directory.service?.find((s) => s.name === "Nurse-Family Partnership");
    const organization = directory.organization?.find((o) => o.id === nurse?.organization_id);
    const sal = directory.service_at_location?.find((l) => l.service_id === nurse?.id);
    const location = directory.location?.find((l) => l.id === sal?.location_id);
    const attribute = directory.attribute?.find((a) => a.link_id === nurse?.id);
    const term = directory.taxonomy_term?.find((t) => t.id === attribute?.taxonomy_term_id);
    if (!nurse || !organization || !location || !term) throw new Error("demo data changed");
    const found = async (words: string) =>
      (await steward.staff.inject({ method: "GET", url: `/api/directory/services?q=${words}` }))
        .json()
        .contents.map((c: { name: string }) => c.name);
    expect(await found("quixotic")).not.toContain(nurse.name);
    const steps: [object, string][] = [
      [{ organization: [{ ...organization, name: "Quixotic Health Agency" }] }, "quixotic"],
      [{ location: [{ ...location, name: "Zephyrine Clinic" }] }, "zephyrine"],
      [{ taxonomy_term: [{ ...term, name: "Marmalade visiting" }] }, "marmalade"],
    ];
    for (const [part, word] of steps) {
      expect((await importJson(steward.manager, part)).statusCode).toBe(200);
      expect(await found(word)).toContain(nurse.name);
    }
    await importJson(steward.manager, directory);
    expect(await found("quixotic")).not.toContain(nurse.name);
  });

  it("re-indexes a large import (over a thousand services) in one pass, and finds every service", async () => {
    const template = anyCountyDirectory().service?.find((s) => s.name === "Community Food Pantry");
    if (!template) throw new Error("demo data changed");
    const service = Array.from({ length: 1_200 }, (_, i) => ({
      ...template,
      id: randomUUID(),
      name: `Quinceberry pantry ${i}`,
    }));
    const imported = await importJson(steward.manager, { service });
    expect(imported.statusCode).toBe(200);
    const found = await steward.staff.inject({
      method: "GET",
      url: "/api/directory/services?q=quinceberry&perPage=5",
    });
    expect(found.json().total_items).toBe(1_200);
    // The tests after this one count the demo directory's services.
    const ids = service.map((s) => s.id);
    for (let i = 0; i < ids.length; i += 500)
      await ctx.database.db.delete(hsdsServices).where(inArray(hsdsServices.id, ids.slice(i, i + 500)));
  });

  it("refuses malformed JSON, unknown fields and schema errors, naming file, row and field, and imports nothing", async () => {
    const before = await countServices();
    const broken = await steward.manager.inject({
      method: "POST",
      url: "/api/directory/import",
      headers: { "content-type": "application/json" },
      payload: '{"id": ',
    });
    expect(broken.statusCode).toBe(400);
    const bad = await importJson(
      steward.manager,
      {
        contents: [
          { id: "11111111-1111-4111-8111-111111111111", name: "Good service", status: "active" },
          { id: "22222222-2222-4222-8222-222222222222", name: "Bad", status: "open", color: "red" },
        ],
      },
      "?fileName=services-page.json&type=service",
    );
    expect(bad.statusCode).toBe(400);
    const details = bad.json().error.details;
    expect(details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: "services-page.json", row: "/contents/1", column: "color" }),
        expect.objectContaining({ file: "services-page.json", row: "/contents/1", column: "status" }),
      ]),
    );
    expect(await countServices()).toBe(before);
  });

  it("refuses a data package with a bad cell or unknown column, by file, line and column", async () => {
    const before = await countServices();
    const files = officialCsvFiles();
    const services = String(files["services.csv"]).replace(/,12,100,/, ",twelve,100,");
    const response = await importZip(
      steward.manager,
      await zipOf({ ...files, "services.csv": services, "phones.csv": "id,number,colour\n" }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: "services.csv", row: "2", column: "minimum_age" }),
        expect.objectContaining({ file: "phones.csv", row: "1", column: "colour" }),
      ]),
    );
    const notCsv = await importZip(
      steward.manager,
      await zipOf({ "services.csv": 'id,name\n"unterminated' }),
    );
    expect(notCsv.statusCode).toBe(400);
    expect(notCsv.json().error.details[0]).toMatchObject({ file: "services.csv" });
    expect(await countServices()).toBe(before);
  });

  it("imports only the valid records when asked, and lists the others", async () => {
    const response = await importJson(
      steward.manager,
      {
        contents: [
          { id: "33333333-3333-4333-8333-333333333333", name: "Valid one", status: "active" },
          { id: "44444444-4444-4444-8444-444444444444", name: "Invalid one", status: "sometimes" },
        ],
      },
      "?mode=valid_only&type=service&fileName=mixed.json",
    );
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ created: 1, rejected: 1, mode: "valid_only" });
    expect(response.json().problems[0]).toMatchObject({
      file: "mixed.json",
      row: "/contents/1",
      field: "status",
    });
  });

  it("streams progress when asked for ndjson", async () => {
    const response = await steward.manager.inject({
      method: "POST",
      url: "/api/directory/import",
      headers: { accept: "application/x-ndjson", "content-type": "application/json" },
      payload: anyCountyDirectory(),
    });
    const lines = response.body
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.some((l) => l.progress?.phase === "validate")).toBe(true);
    expect(lines.at(-1).result.unchanged).toBeGreaterThan(0);
  });

  it("refuses a viewer and another organization's manager over our records, and audits the refusal", async () => {
    const viewer = await importJson(steward.viewer, anyCountyDirectory());
    expect(viewer.statusCode).toBe(403);
    const denials = await auditEventsFor(ctx, "directory.import");
    expect(denials.some((e) => e.outcome === "denied" && e.actorUserId === steward.viewer.me.user.id)).toBe(
      true,
    );
    const takeover = await importJson(other.manager, anyCountyDirectory());
    expect(takeover.statusCode).toBe(400);
    expect(takeover.json().error.details[0].message).toMatch(/maintained by another organization/);
  });
});

describe("HSDS export", () => {
  it("exports JSON and the CSV data package valid against the schemas, and import → export → import loses nothing", async () => {
    const json = await steward.staff.inject({ method: "GET", url: "/api/directory/export?format=json" });
    expect(json.statusCode).toBe(200);
    const tabular = json.json();
    expect(checkAgainst("compiled/tabular.json", tabular)).toEqual([]);
    for (const [table, rows] of Object.entries(tabular) as [string, unknown[]][]) {
      for (const row of rows) expect(checkAgainst(`${table}.json` as never, row)).toEqual([]);
    }
    const zip = await steward.staff.inject({
      method: "GET",
      url: "/api/directory/export?format=datapackage",
    });
    expect(zip.headers["content-type"]).toBe("application/zip");
    const files = await JSZip.loadAsync(zip.rawPayload);
    expect(Object.keys(files.files).sort()).toEqual(
      ["datapackage.json", ...RESOURCES.map((r) => r.path)].sort(),
    );

    // Into an empty directory: the zip, then the JSON, change nothing; both exports come back identical.
    const fresh = await createTestApp();
    try {
      const org = await createOrganizationWithRoles(fresh);
      const fromZip = await importZip(org.manager, zip.rawPayload);
      expect(fromZip.statusCode, fromZip.body).toBe(200);
      const fromJson = (await importJson(org.manager, tabular)).json();
      expect(fromJson).toMatchObject({ created: 0, updated: 0 });
      const again = (
        await org.staff.inject({ method: "GET", url: "/api/directory/export?format=json" })
      ).json();
      expect(again).toEqual(tabular);
    } finally {
      await fresh.close();
    }
    expect((await auditEventsFor(ctx, "directory.export")).length).toBeGreaterThanOrEqual(2);
  });
});

describe("HSDS read API", () => {
  const get = (url: string) => ctx.app.inject({ method: "GET", url });
  const serviceId = demoId("service:Community Food Pantry");

  it("answers the meta information and pages services with the spec's paging object", async () => {
    expect((await get("/hsds/")).json()).toMatchObject({ version: "3.0" });
    const page = (await get("/hsds/services?per_page=5&page=2")).json();
    expect(page).toMatchObject({ page_number: 2, size: 5, first_page: false, empty: false });
    expect(page.total_pages).toBe(Math.ceil(page.total_items / 5));
    for (const item of page.contents) expect(checkAgainst("compiled/service_list.json", item)).toEqual([]);
    const full = (await get("/hsds/services?full=true&per_page=50")).json();
    for (const item of full.contents) expect(checkAgainst("service.json", item)).toEqual([]);
    const minimal = (await get("/hsds/services?minimal=true")).json();
    expect(Object.keys(minimal.contents[0]).sort()).toEqual(expect.arrayContaining(["id", "name", "status"]));
  });

  it("filters services by search, taxonomy term, taxonomy, organization and modified_after", async () => {
    const search = (await get("/hsds/services?search=pantry")).json();
    expect(search.contents.map((s: { id: string }) => s.id)).toContain(serviceId);
    const byTerm = (await get(`/hsds/services?taxonomy_term_id=${demoId("term:food")}`)).json();
    expect(byTerm.total_items).toBe(4);
    const byTaxonomy = (await get(`/hsds/services?taxonomy_id=${demoId("taxonomy")}&per_page=100`)).json();
    expect(byTaxonomy.total_items).toBe(anyCountyDirectory().service?.length);
    const byOrg = (await get(`/hsds/services?organization_id=${demoId("org:Any County Food Bank")}`)).json();
    expect(byOrg.contents.map((s: { name: string }) => s.name).sort()).toEqual([
      "CalFresh Application Help",
      "Community Food Pantry",
    ]);
    expect((await get("/hsds/services?modified_after=2030-01-01")).json().total_items).toBe(0);
    expect((await get("/hsds/services?modified_after=yesterday")).statusCode).toBe(400);
  });

  it("returns full objects by id, valid against the schemas, and 404 for unknown ids", async () => {
    const service = (await get(`/hsds/services/${serviceId}`)).json();
    expect(checkAgainst("service.json", service)).toEqual([]);
    expect(service.service_at_locations).toHaveLength(2);
    expect(service.service_at_locations[0].location.addresses[0].postal_code).toMatch(/^959/);
    expect(service.attributes[0].taxonomy_term.name).toBe("Food");
    const orgs = (await get("/hsds/organizations?per_page=100")).json();
    for (const o of orgs.contents) expect(checkAgainst("compiled/organization_list.json", o)).toEqual([]);
    const org = (
      await get(`/hsds/organizations/${demoId("org:Any County Food Bank")}?full_service=true`)
    ).json();
    expect(checkAgainst("organization.json", org)).toEqual([]);
    expect(org.services).toHaveLength(2);
    for (const s of org.services) expect(checkAgainst("service.json", s)).toEqual([]);
    const taxonomies = (await get("/hsds/taxonomies")).json();
    for (const t of taxonomies.contents) expect(checkAgainst("taxonomy.json", t)).toEqual([]);
    expect((await get(`/hsds/taxonomies/${demoId("taxonomy")}`)).json().name).toBe(
      "Any County service categories",
    );
    const terms = (await get(`/hsds/taxonomy_terms?taxonomy_id=${demoId("taxonomy")}`)).json();
    expect(terms.total_items).toBe(9);
    for (const t of terms.contents) expect(checkAgainst("taxonomy_term.json", t)).toEqual([]);
    expect((await get(`/hsds/taxonomy_terms/${demoId("term:food")}`)).json().code).toBe("food");
    expect((await get("/hsds/services/00000000-0000-4000-8000-000000000000")).statusCode).toBe(404);
  });

  it("lists services at locations by postcode and proximity", async () => {
    const byPostcode = (await get("/hsds/service_at_locations?postcode=95903")).json();
    expect(byPostcode.total_items).toBeGreaterThan(0);
    for (const sal of byPostcode.contents) {
      expect(checkAgainst("compiled/service_at_location_list.json", sal)).toEqual([]);
      expect(sal.location.name).toBe("Riverside Community Hub");
    }
    const near = (await get("/hsds/service_at_locations?postcode=95903&proximity=8000&per_page=200")).json();
    const names = new Set(near.contents.map((s: { location: { name: string } }) => s.location.name));
    expect(names.has("Oakview Neighborhood Center")).toBe(true);
    expect(names.has("Foothill Family Place")).toBe(false);
    const one = (await get(`/hsds/service_at_locations/${byPostcode.contents[0].id}`)).json();
    expect(checkAgainst("service_at_location.json", one)).toEqual([]);
    expect(one.service.name).toBeTruthy();
  });

  it("streams every result as ndjson", async () => {
    const response = await get("/hsds/services?format=ndjson");
    expect(response.headers["content-type"]).toMatch(/application\/x-ndjson/);
    const lines = response.body
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const total = (await get("/hsds/services")).json().total_items;
    expect(lines).toHaveLength(total);
  });

  it("is token-only and rate limited when configured so", async () => {
    const locked = await createTestApp({ hsdsApiAccess: "token", hsdsRateLimitPerMinute: 3 });
    try {
      const org = await createOrganizationWithRoles(locked);
      const anonymous = await locked.app.inject({ method: "GET", url: "/hsds/services" });
      expect(anonymous.statusCode).toBe(401);
      const token = (
        await org.admin.inject({
          method: "POST",
          url: `/api/organizations/${org.org.id}/api-tokens`,
          payload: { name: "hsds" },
        })
      ).json().token;
      const headers = { authorization: `Bearer ${token}` };
      const statuses = [];
      for (let i = 0; i < 4; i++) {
        statuses.push(
          (await locked.app.inject({ method: "GET", url: "/hsds/taxonomies", headers })).statusCode,
        );
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await locked.close();
    }
  });
});

describe("staff search", () => {
  const search = (query: string) =>
    steward.staff.inject({ method: "GET", url: `/api/directory/services?${query}` });

  it("finds services by full text, ranked, with what a case manager needs to call", async () => {
    const result = (await search("q=home%20visits%20nurse")).json();
    expect(result.contents[0].name).toBe("Nurse-Family Partnership");
    expect(result.contents[0]).toMatchObject({
      organization: { name: "Any County Public Health" },
      phones: [{ number: "530-555-0132" }],
      taxonomyTerms: [{ name: "Home visiting" }],
    });
    expect(result.contents[0].locations[0].address).toMatch(/1 Civic Center Plaza, Harbor City, CA 95901/);
  });

  it("filters by taxonomy term and language", async () => {
    const ehs = (await search(`taxonomyTermId=${demoId("term:ehs")}`)).json();
    expect(ehs.contents.map((s: { name: string }) => s.name).sort()).toEqual([
      "Early Head Start Center-Based Program",
      "Early Head Start Home-Based Option",
    ]);
    const hmong = (await search("language=Hmong&perPage=100")).json();
    expect(hmong.contents.length).toBeGreaterThan(0);
    for (const s of hmong.contents) expect(s.languages).toContain("Hmong");
    const hmn = (await search("language=hmn&perPage=100")).json();
    expect(hmn.total_items).toBe(hmong.total_items);
  });

  it("orders by distance from a point or a known location and leaves out what is too far", async () => {
    const near = (await search("lat=39.2741&lng=-121.2986&radiusKm=5")).json();
    expect(near.contents.length).toBeGreaterThan(0);
    for (const s of near.contents) expect(s.locations[0].distanceKm).toBeLessThanOrEqual(5);
    const fromLocation = (await search(`nearLocationId=${demoId("location:riverside")}&radiusKm=2`)).json();
    expect(
      fromLocation.contents.every((s: { locations: { name: string }[] }) =>
        s.locations.some((l) => l.name === "Riverside Community Hub"),
      ),
    ).toBe(true);
    expect((await search("lat=39.1")).statusCode).toBe(400);
  });

  it("filters to services open now", async () => {
    const open = (await search("openNow=true&perPage=100")).json();
    for (const s of open.contents) expect(s.openNow).toBe(true);
    // The crisis line and the shelter are open around the clock.
    expect(open.contents.map((s: { name: string }) => s.name)).toEqual(
      expect.arrayContaining(["24/7 Crisis Line"]),
    );
  });

  it("shows a service with its full HSDS record", async () => {
    const response = await steward.viewer.inject({
      method: "GET",
      url: `/api/directory/services/${demoId("service:Family Emergency Shelter")}`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().summary.hours).toEqual(["MO,TU,WE,TH,FR,SA,SU 00:00–23:59"]);
    expect(checkAgainst("service.json", response.json().hsds)).toEqual([]);
  });

  it("lists the taxonomy terms in use with counts", async () => {
    const terms = (await steward.staff.inject({ method: "GET", url: "/api/directory/taxonomy-terms" })).json()
      .items;
    expect(terms.find((t: { name: string }) => t.name === "Food").services).toBe(4);
  });
});

describe("trellis import-hsds / export-hsds", () => {
  it("imports the official CSV folder with progress for a manager, refuses (and audits) a staff member", async () => {
    const org = await createOrganization(ctx, { name: "CLI 211" });
    const manager = await createUser(ctx, { organizationId: org.id, role: "manager" });
    const staff = await createUser(ctx);
    await addMembership(ctx, staff.id, { organizationId: org.id, role: "staff" });
    const lines: string[] = [];
    const folder = path.join(HSDS_DIR, "examples/csv");
    const refused = await directoryCommand(
      ctx.database,
      "import-hsds",
      [folder, "--organization", "CLI 211", "--user", staff.email],
      (line) => lines.push(line),
    );
    expect(refused).toBe(1);
    const denials = (await auditEventsFor(ctx, "directory.import")).filter((e) => e.outcome === "denied");
    expect(denials.some((e) => e.actorUserId === staff.id)).toBe(true);
    // The official examples belong to the first organization here: this one may import only its own data.
    const own = path.join(HSDS_DIR, "examples/taxonomy.json");
    const file = path.join(tmpdir(), `trellis-taxonomy-${Date.now()}.json`);
    writeFileSync(
      file,
      JSON.stringify({ ...JSON.parse(readFileSync(own, "utf8")), id: demoId("cli-taxonomy") }),
    );
    try {
      const ok = await directoryCommand(
        ctx.database,
        "import-hsds",
        [file, "--organization", "CLI 211", "--user", manager.email],
        (line) => lines.push(line),
      );
      expect(ok).toBe(0);
      expect(lines).toEqual(
        expect.arrayContaining(["validate 1/1", "taxonomy: 1 created, 0 updated, 0 unchanged"]),
      );
    } finally {
      rmSync(file);
    }
  });
});
