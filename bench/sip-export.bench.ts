/**
 * SIP export benchmark: a County SIP of 4 components × 3 goals × 3 strategies × 3 milestones
 * (160 items), exported as DOCX, PDF, XLSX and CSV, against the floor of reading the same plan as
 * JSON (GET /api/plans/:id), in one run.
 *
 *   npm run bench:sip-export [-- --seconds 10 --connections 4]
 */
import { appendFileSync } from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import { createOrganization, createTestApp, createUser, signIn } from "../test/helpers.ts";
import { type LoadResult, load, progress, table } from "./lib.ts";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "10" },
    connections: { type: "string", default: "4" },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);

const ctx = await createTestApp({ logLevel: "warn" });
const org = await createOrganization(ctx, { name: "Bench County CWS", type: "county_child_welfare" });
const session = await signIn(ctx, await createUser(ctx, { organizationId: org.id, role: "manager" }));

const created = await session.inject({
  method: "POST",
  url: "/api/plans",
  payload: {
    templateKey: "county-sip",
    title: "Bench County SIP",
    periodStart: "2026-01-01",
    header: { county: "Bench County", responsible_agency: "Bench County Child Welfare Services" },
  },
});
if (created.statusCode !== 201) throw new Error(`create failed: ${created.body}`);
const planId: string = created.json().id;

let made = 0;
const TOTAL = 4 + 4 * 3 + 4 * 9 + 4 * 27;
async function add(payload: Record<string, unknown>): Promise<string> {
  const r = await session.inject({ method: "POST", url: `/api/plans/${planId}/items`, payload });
  if (r.statusCode !== 201) throw new Error(`add failed: ${r.body}`);
  progress("items", ++made, TOTAL);
  return r.json().item.id;
}
const MEASURES = ["S1", "S2", "P1", "P4"];
for (const [c, code] of MEASURES.entries()) {
  const component = await add({
    section: "components",
    level: "component",
    title: `Component ${c + 1}: measure ${code}`,
    fields: { measure_code: code, current_performance: `${10 + c}.0%` },
  });
  for (let g = 1; g <= 3; g++) {
    const goal = await add({ parentId: component, level: "goal", title: `Improve ${code}, goal ${g}.` });
    for (let s = 1; s <= 3; s++) {
      const strategy = await add({
        parentId: goal,
        level: "strategy",
        title: `Strategy ${s} of goal ${g} for ${code}.`,
        fields: { rationale: "Families reached early are less likely to come back to the system." },
      });
      for (let m = 1; m <= 3; m++) {
        await add({
          parentId: strategy,
          level: "milestone",
          title: `Training ${m} for strategy ${s} staff completed.`,
          timeframe: `${[3, 6, 12][m - 1]} months`,
          assigneeText: "Program manager",
          dueDate: `2026-${String(m * 3).padStart(2, "0")}-28`,
        });
      }
    }
  }
}

await ctx.app.listen({ port: 0, host: "127.0.0.1" });
const address = ctx.app.server.address();
const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
const opts = { connections, seconds, headers: { cookie: session.cookie } };

const floor = await load("floor: GET the plan as JSON", `${base}/api/plans/${planId}`, opts);
const results: LoadResult[] = [floor];
for (const format of ["docx", "pdf", "xlsx", "csv"]) {
  const url = `${base}/api/plans/${planId}/export?format=${format}`;
  const check = await fetch(url, { headers: { cookie: session.cookie } });
  if (check.status !== 200) throw new Error(`${format} export failed: ${check.status}`);
  const bytes = (await check.arrayBuffer()).byteLength;
  results.push(await load(`export ${format} (${Math.round(bytes / 1024)} KiB)`, url, opts));
}
await ctx.close();

const report = `\n## SIP export — ${new Date().toISOString().slice(0, 10)} — ${ctx.database.engine}, 4 components × 3 goals × 3 strategies × 3 milestones (${TOTAL} items), ${connections} connections, ${seconds}s each\n\nMachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}. Command: \`npm run bench:sip-export -- --connections ${connections} --seconds ${seconds}\`. The "÷ HTTP floor" column here is ÷ the JSON read of the same plan.\n\n${table(results, { http: floor })}\n`;
console.log(report);
appendFileSync("bench/RESULTS.md", report);
