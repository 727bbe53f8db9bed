import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditEventsFor,
  createOrganization,
  createTestApp,
  createUser,
  type Session,
  signIn,
  type TestContext,
} from "../../../test/helpers.ts";
import { countyPerformance } from "../../db/schema/index.ts";

let ctx: TestContext;
let county: Session;
let countyStaff: Session;
let otherCounty: Session;
let state: Session;

beforeAll(async () => {
  ctx = await createTestApp();
  const { organizations } = await import("../../db/schema/index.ts");
  const make = async (
    name: string,
    type: "county_child_welfare" | "state_agency",
    jurisdiction: string,
    role: "manager" | "staff" | "admin",
  ) => {
    const [org] = await ctx.database.db
      .insert(organizations)
      .values({
        name,
        type,
        jurisdictionKind: type === "state_agency" ? "state" : "county",
        jurisdictionName: jurisdiction,
      })
      .returning();
    if (!org) throw new Error("no org");
    return { org, session: await signIn(ctx, await createUser(ctx, { organizationId: org.id, role })) };
  };
  const any = await make("Any County CWS", "county_child_welfare", "Any County", "manager");
  county = any.session;
  countyStaff = await signIn(ctx, await createUser(ctx, { organizationId: any.org.id, role: "staff" }));
  otherCounty = (await make("West County CWS", "county_child_welfare", "West County", "manager")).session;
  state = (await make("State Review Team", "state_agency", "California", "admin")).session;
  void createOrganization;
});
afterAll(() => ctx.close());

const importCsv = (session: Session, csv: string) =>
  session.inject({
    method: "POST",
    url: "/api/measures/performance/import?fileName=perf.csv",
    headers: { "content-type": "text/csv" },
    payload: csv,
  });

describe("outcome measures", () => {
  it("ships the CFSR Round 4 measures with direction and national performance, state measures and systemic factors", async () => {
    const items = (await countyStaff.inject({ method: "GET", url: "/api/measures" })).json().items;
    const s2 = items.find((i: { measure: { code: string } }) => i.measure.code === "S2").measure;
    expect(s2).toMatchObject({ kind: "federal", better: "lower", nationalPerformance: 9.7, safety: true });
    expect(items.filter((i: { measure: { kind: string } }) => i.measure.kind === "state")).toHaveLength(15);
    expect(
      items.filter((i: { measure: { kind: string } }) => i.measure.kind === "systemic_factor"),
    ).toHaveLength(7);
  });

  it("lets only a state administrator correct reference data", async () => {
    const items = (await county.inject({ method: "GET", url: "/api/measures" })).json().items;
    const p5 = items.find((i: { measure: { code: string } }) => i.measure.code === "P5").measure;
    const refused = await county.inject({
      method: "PATCH",
      url: `/api/measures/${p5.id}`,
      payload: { nationalPerformance: 5, version: p5.version },
    });
    expect(refused.statusCode).toBe(403);
    const ok = await state.inject({
      method: "PATCH",
      url: `/api/measures/${p5.id}`,
      payload: { safety: false, unit: "moves per 1,000 days in care", version: p5.version },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().unit).toBe("moves per 1,000 days in care");
    expect(ok.json().version).toBe(p5.version + 1);
    const stale = await state.inject({
      method: "PATCH",
      url: `/api/measures/${p5.id}`,
      payload: { unit: "overwritten", version: p5.version },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe("conflict.stale_version");
  });
});

describe("county performance import", () => {
  it("imports a county's rows, keeps masked values masked, and flags a measure worse than national performance", async () => {
    const response = await importCsv(
      county,
      [
        "measure_code,county,period,numerator,denominator,value",
        "S2,Any County,2024-Q4,41,400,10.25",
        "S2,Any County,2025-Q4,38,400,9.5",
        "P1,Any County,2025-Q4,masked,12,masked",
        "P4,Any County,2025-Q4,30,500,6%",
      ].join("\n"),
    );
    expect(response.statusCode).toBe(200);
    expect(response.json().rows).toBe(4);
    const series = (await countyStaff.inject({ method: "GET", url: "/api/measures/S2/series" })).json();
    expect(series.points.map((p: { value: number }) => p.value)).toEqual([10.25, 9.5]);
    expect(series.needsImprovement).toMatchObject({ computed: false, effective: false });
    expect(series.caveat).toMatch(/not risk-standardized/);
    const p1 = (await countyStaff.inject({ method: "GET", url: "/api/measures/P1/series" })).json();
    expect(p1.points).toEqual([
      expect.objectContaining({ masked: true, value: null, numerator: null, denominator: null }),
    ]);
    const list = (await countyStaff.inject({ method: "GET", url: "/api/measures" })).json().items;
    const p4 = list.find((i: { measure: { code: string } }) => i.measure.code === "P4");
    expect(p4.needsImprovement).toMatchObject({ computed: true, effective: true });
  });

  it("reports every bad row by line and column and imports nothing", async () => {
    const before = (await ctx.database.db.select().from(countyPerformance)).length;
    const response = await importCsv(
      county,
      [
        "measure_code,county,period,numerator,denominator,value",
        "S1,Any County,2025-Q4,3,1000,3.1",
        "ZZ9,Any County,2025-Q4,3,1000,3.1",
        "S1,Any County,sometime,3,1000,3.1",
        "S1,Any County,2025-Q3,3,1000,about three",
        "S1,West County,2025-Q4,3,1000,3.1",
      ].join("\n"),
    );
    expect(response.statusCode).toBe(400);
    const fields = response.json().error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(["line 3: measure_code", "line 4: period", "line 5: value", "line 6: county"]);
    expect((await ctx.database.db.select().from(countyPerformance)).length).toBe(before);
  });

  it("rejects missing and unknown columns, and files that are not CSV or XLSX", async () => {
    const response = await importCsv(county, "code,county,when\nS1,Any County,2025-Q4");
    expect(response.json().error.details.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining(["line 1: measure_code", "line 1: period", "line 1: value", "line 1: code"]),
    );
    const json = await county.inject({
      method: "POST",
      url: "/api/measures/performance/import",
      payload: { a: 1 },
    });
    expect(json.statusCode).toBe(415);
    const broken = await importCsv(county, 'measure_code,county,period,value\n"S1,Any County');
    expect(broken.statusCode).toBe(400);
  });

  it("imports XLSX workbooks the same way, and lets the state import any county", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Outcomes");
    sheet.addRow(["measure_code", "county", "period", "numerator", "denominator", "value"]);
    sheet.addRow(["P5", "West County", "2025-Q4", 150, 30000, 5.0]);
    sheet.addRow(["S1", "West County", "2025-Q4", "masked", "", "masked"]);
    const content = Buffer.from(await workbook.xlsx.writeBuffer());
    const response = await state.inject({
      method: "POST",
      url: "/api/measures/performance/import?fileName=west.xlsx",
      headers: { "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
      payload: content,
    });
    expect(response.statusCode).toBe(200);
    const series = (await otherCounty.inject({ method: "GET", url: "/api/measures/P5/series" })).json();
    expect(series.points[0]).toMatchObject({ value: 5, periodEnd: "2025-12-31" });
    // A county cannot import another county's data, and staff cannot import at all.
    expect(
      (await importCsv(countyStaff, "measure_code,county,period,value\nS1,Any County,2025-Q4,1")).statusCode,
    ).toBe(403);
  });

  it("records the county's own needs-improvement judgment with a reason, audited", async () => {
    const response = await county.inject({
      method: "PUT",
      url: "/api/measures/S2/needs-improvement",
      payload: { needsImprovement: true, reason: "Self-assessment found recurrence rising among infants." },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().needsImprovement).toMatchObject({ computed: false, effective: true });
    expect((await auditEventsFor(ctx, "needs_improvement.set")).at(-1)?.outcome).toBe("success");
    expect(
      (
        await state.inject({
          method: "PUT",
          url: "/api/measures/S2/needs-improvement",
          payload: { needsImprovement: true, reason: "xyz" },
        })
      ).statusCode,
    ).toBe(403);
  });
});
