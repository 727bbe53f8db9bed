/**
 * Plan engine benchmarks: "my action steps" for one user across many plans, against the HTTP floor
 * (a bare JSON route) and the raw floor (the same SQL straight through the driver), in one run.
 *
 *   npm run bench:plans -- --plans 5000 [--seconds 10] [--connections 16]
 *   DATABASE_URL=postgres://… npm run bench:plans -- --plans 5000 --connections 64
 */
import { appendFileSync } from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { openDatabase } from "../src/db/client.ts";
import { memberships, organizations, planItems, plans, users } from "../src/db/schema/index.ts";
import { hashPassword } from "../src/features/accounts/passwords.ts";
import { loadTemplates } from "../src/features/templates/templates.service.ts";
import { buildApp } from "../src/server/app.ts";
import { loadConfig } from "../src/server/config.ts";
import { load, progress, table } from "./lib.ts";

const { values } = parseArgs({
  options: {
    plans: { type: "string", default: "5000" },
    seconds: { type: "string", default: "10" },
    connections: { type: "string", default: "16" },
  },
});
const planCount = Number(values.plans);
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const databaseUrl = process.env.DATABASE_URL || undefined;

const database = await openDatabase({ databaseUrl, dataDir: "memory://", poolSize: connections + 4 });
const db = database.db;
if (databaseUrl) await db.execute(sql`truncate plans, plan_items, memberships, users, organizations cascade`);

console.error(`generating ${planCount} plans (${database.engine})`);
const [org] = await db
  .insert(organizations)
  .values({
    name: "Bench County",
    type: "county_child_welfare",
    jurisdictionKind: "county",
    jurisdictionName: "Bench",
  })
  .returning();
const password = "bench-password-123";
const [user] = await db
  .insert(users)
  .values({ email: "bench@bench.example", name: "Bench User", passwordHash: await hashPassword(password) })
  .returning();
if (!org || !user) throw new Error("setup failed");
await db.insert(memberships).values({ organizationId: org.id, userId: user.id, role: "staff" });
const template = loadTemplates().latest("linkages-work-plan");
if (!template) throw new Error("no template");

const STEPS_PER_PLAN = 8;
const BATCH = 250;
for (let start = 0; start < planCount; start += BATCH) {
  const planRows = Array.from({ length: Math.min(BATCH, planCount - start) }, (_, i) => ({
    organizationId: org.id,
    templateKey: template.key,
    templateVersion: template.version,
    template,
    title: `Plan ${start + i}`,
    values: { header: {}, sections: {} },
  }));
  const inserted = await db.insert(plans).values(planRows).returning({ id: plans.id });
  const topics = await db
    .insert(planItems)
    .values(
      inserted.map((p) => ({
        organizationId: org.id,
        planId: p.id,
        section: "administration",
        level: "topic_area_administration",
        position: 0,
        title: "Topic",
        fields: { topic: "funding" },
      })),
    )
    .returning({ id: planItems.id, planId: planItems.planId });
  const steps = topics.flatMap((t, i) =>
    Array.from({ length: STEPS_PER_PLAN }, (_, s) => ({
      organizationId: org.id,
      planId: t.planId,
      parentId: t.id,
      section: "administration",
      level: "action_step",
      position: s,
      title: `Step ${s + 1} of plan ${start + i}`,
      status: "not_started" as const,
      // One step per plan is the bench user's; due dates spread over a year.
      assigneeUserId: s === 0 ? user.id : null,
      dueDate: `2026-${String(((start + i) % 12) + 1).padStart(2, "0")}-${String((s % 28) + 1).padStart(2, "0")}`,
    })),
  );
  await db.insert(planItems).values(steps);
  progress("plans", Math.min(start + BATCH, planCount), planCount);
}
await db.execute(sql`analyze`);

const app = await buildApp({
  database,
  config: loadConfig({ webDist: undefined, logLevel: "warn", signInRateLimitPerMinute: 100_000 }),
  logger: false,
});
app.get("/bench/http-floor", async () => ({ ok: true }));
// The raw floor: the essential query of the scenario straight through the driver, no Trellis layers.
app.get("/bench/raw/my-action-steps", async () => ({
  items: await database.rows(sql`
    select i.id, i.plan_id, p.title as plan_title, i.title, i.status, i.due_date, parent.title as parent_title
    from plan_items i
    join plans p on p.organization_id = i.organization_id and p.id = i.plan_id
    left join plan_items parent on parent.organization_id = i.organization_id and parent.id = i.parent_id
    where i.assignee_user_id = ${user.id} and i.status in ('not_started', 'in_progress') and p.archived_at is null
    order by i.due_date asc nulls last, i.id limit 200`),
}));
await app.listen({ port: 0, host: "127.0.0.1" });
const address = app.server.address();
const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
const signIn = await fetch(`${base}/api/session`, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ email: user.email, password }),
});
const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";

const opts = { connections, seconds };
const http = await load("HTTP floor (bare JSON route)", `${base}/bench/http-floor`, opts);
const raw = await load("raw floor: my action steps SQL", `${base}/bench/raw/my-action-steps`, opts);
const mine = await load(`GET /api/my/action-steps (${planCount} plans)`, `${base}/api/my/action-steps`, {
  ...opts,
  headers: { cookie },
});
await app.close();
await database.close();

const report = `\n## Plans — ${new Date().toISOString().slice(0, 10)} — ${database.engine}, ${planCount} plans × ${STEPS_PER_PLAN + 1} items, ${connections} connections, ${seconds}s each\n\nMachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}. Command: \`${databaseUrl ? "DATABASE_URL=… " : ""}npm run bench:plans -- --plans ${planCount} --connections ${connections} --seconds ${seconds}\`\n\n${table([http, raw, mine], { http, raw })}\n`;
console.log(report);
appendFileSync("bench/RESULTS.md", report);
