import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, MIGRATIONS_FOLDER, openDatabase } from "../src/db/client.ts";
import { memberships, organizations, users } from "../src/db/schema/index.ts";
import { hashPassword } from "../src/features/accounts/passwords.ts";
import { REMINDER_JOB } from "../src/features/plans/reminders.ts";
import { RETENTION_JOB } from "../src/features/privacy/retention.service.ts";
import { ANNUAL_UPDATE_REMINDER_JOB } from "../src/features/sip/sip.reminders.ts";
import { todayIn } from "../src/server/config.ts";
import { TEST_PASSWORD, testEngine } from "./helpers.ts";
import { createScratchDatabase, freePort, type ScratchDatabase } from "./scratch.ts";

// Several app processes behind a load balancer, one PostgreSQL database: what the processes share lives in
// the database (sessions, the daily jobs' claims, row versions), so any process can answer any request.
// Real processes (`node --import tsx src/server/main.ts`), as production runs them.

const TIME_ZONE = "America/Los_Angeles";
const DAILY_JOBS = [REMINDER_JOB, ANNUAL_UPDATE_REMINDER_JOB, RETENTION_JOB];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` holds; the test's own timeout bounds the wait. */
async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  limitMs = 180_000,
): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await sleep(100);
  }
}

interface AppProcess {
  name: string;
  baseUrl: string;
  child: ChildProcess;
  output(): string;
  /** The JSON log lines of this process (pino), parsed. */
  logs(): Record<string, unknown>[];
  stop(): Promise<void>;
}

async function startProcess(
  name: string,
  databaseUrl: string,
  env: Record<string, string>,
): Promise<AppProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      TRELLIS_WEB_DIST: "",
      TRELLIS_TIMEZONE: TIME_ZONE,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const proc: AppProcess = {
    name,
    baseUrl,
    child,
    output: () => output,
    logs: () =>
      output
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .flatMap((line) => {
          try {
            return [JSON.parse(line) as Record<string, unknown>];
          } catch {
            return [];
          }
        }),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
  return proc;
}

async function waitHealthy(proc: AppProcess): Promise<void> {
  await until(async () => {
    if (proc.child.exitCode !== null) {
      throw new Error(`${proc.name} exited with ${proc.child.exitCode}:\n${proc.output()}`);
    }
    try {
      return (await fetch(`${proc.baseUrl}/api/health`)).ok;
    } catch {
      return false;
    }
  }, `${proc.name} to answer /api/health`);
}

interface HttpSession {
  cookie: string;
  csrfToken: string;
  userId: string;
}

async function signIn(proc: AppProcess, email: string): Promise<HttpSession> {
  const response = await fetch(`${proc.baseUrl}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: TEST_PASSWORD }),
  });
  const body = await response.json();
  if (response.status !== 200)
    throw new Error(`sign-in on ${proc.name}: ${response.status} ${JSON.stringify(body)}`);
  const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  return { cookie, csrfToken: body.csrfToken, userId: body.user.id };
}

async function call(
  proc: AppProcess,
  session: HttpSession,
  method: string,
  url: string,
  payload?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${proc.baseUrl}/api${url}`, {
    method,
    headers: {
      cookie: session.cookie,
      "x-csrf-token": session.csrfToken,
      ...(payload === undefined ? {} : { "content-type": "application/json" }),
    },
    body: payload === undefined ? undefined : JSON.stringify(payload),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {} };
}

describe.skipIf(testEngine !== "postgres")(
  "several app processes on one PostgreSQL database (skipped on PGlite: one process per data directory)",
  { timeout: 400_000 },
  () => {
    let scratch: ScratchDatabase;
    let databaseUrl = "";
    let name = "";
    let database: Database;
    let processes: AppProcess[] = [];
    const emails = { manager: "", staffA: "", staffB: "" };
    let organizationId = "";

    const byName = (n: string) => {
      const proc = processes.find((p) => p.name === n);
      if (!proc) throw new Error(`no process ${n}`);
      return proc;
    };

    beforeAll(async () => {
      scratch = await createScratchDatabase("trellis_scale");
      databaseUrl = scratch.url;
      name = scratch.name;
      // Both processes start together on the empty database: each applies migrations at start, under an
      // advisory lock. The daily jobs stay off until the data for them exists (see the jobs test).
      processes = await Promise.all(
        ["A", "B"].map((n) => startProcess(n, databaseUrl, { TRELLIS_SCHEDULER: "off" })),
      );
      await Promise.all(processes.map(waitHealthy));
      database = await openDatabase({ databaseUrl, migrate: false, poolSize: 2 });

      const passwordHash = await hashPassword(TEST_PASSWORD);
      const [org] = await database.db
        .insert(organizations)
        .values({
          name: "Scale-out County",
          type: "county_child_welfare",
          jurisdictionKind: "county",
          jurisdictionName: "Scale-out County",
          stateCode: "CA",
        })
        .returning();
      if (!org) throw new Error("no organization");
      organizationId = org.id;
      for (const [key, role] of [
        ["manager", "manager"],
        ["staffA", "staff"],
        ["staffB", "staff"],
      ] as const) {
        const email = `${key.toLowerCase()}-${name}@test.example`;
        const [user] = await database.db
          .insert(users)
          .values({ email, name: `Scale ${key}`, passwordHash })
          .returning();
        if (!user) throw new Error("no user");
        await database.db.insert(memberships).values({ organizationId: org.id, userId: user.id, role });
        emails[key] = email;
      }
      // Starting real processes on a busy machine can take longer than the suite's default hook timeout.
    }, 300_000);

    afterAll(async () => {
      await Promise.all(processes.map((p) => p.stop()));
      await database?.close();
      await scratch?.drop();
    });

    it("two processes starting together on an empty database migrate it once and both serve", async () => {
      const journal = JSON.parse(
        readFileSync(path.join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8"),
      ) as {
        entries: unknown[];
      };
      const [applied] = await database.rows<{ n: string }>(
        sql`select count(*) as n from drizzle.__drizzle_migrations`,
      );
      expect(Number(applied?.n)).toBe(journal.entries.length);
      for (const proc of processes) {
        const health = await fetch(`${proc.baseUrl}/api/health`);
        expect(health.status).toBe(200);
      }
    });

    it("a session made on one process works on the other, and signing out on either ends it everywhere", async () => {
      const a = byName("A");
      const b = byName("B");
      const session = await signIn(a, emails.staffA);
      const onB = await call(b, session, "GET", "/me");
      expect(onB.status).toBe(200);
      expect((onB.body.user as unknown as { email: string }).email).toBe(emails.staffA);

      const signOut = await call(b, session, "DELETE", "/session");
      expect(signOut.status).toBe(204);
      expect((await call(a, session, "GET", "/me")).status).toBe(401);
      expect((await call(b, session, "GET", "/me")).status).toBe(401);
    });

    it("two processes editing the same version of a plan: one wins, the other gets 409, and the winner's edit stays", async () => {
      const a = byName("A");
      const b = byName("B");
      const session = await signIn(a, emails.manager);
      const created = await call(a, session, "POST", "/plans", {
        templateKey: "linkages-work-plan",
        title: "Scale-out plan",
        periodStart: "2026-01-01",
        header: { county: "Scale-out County, CA", linkages_goal: "Coordinate." },
      });
      expect(created.status).toBe(201);
      const planId = String(created.body.id);
      const loaded = await call(b, session, "GET", `/plans/${planId}`);
      const version = Number(loaded.body.version);

      const [viaA, viaB] = await Promise.all([
        call(a, session, "PATCH", `/plans/${planId}`, { version, title: "Edited through A" }),
        call(b, session, "PATCH", `/plans/${planId}`, { version, title: "Edited through B" }),
      ]);
      expect([viaA.status, viaB.status].sort()).toEqual([200, 409]);
      const loser = viaA.status === 409 ? viaA : viaB;
      expect((loser.body.error as unknown as { code: string }).code).toBe("conflict.stale_version");
      const winnerTitle = viaA.status === 200 ? "Edited through A" : "Edited through B";

      for (const proc of [a, b]) {
        const final = await call(proc, session, "GET", `/plans/${planId}`);
        expect(final.body.title).toBe(winnerTitle);
        expect(final.body.version).toBe(version + 1);
      }
    });

    it("both processes run the daily jobs at the same time, and each job runs once: one claim, one digest per assignee", async () => {
      const a = byName("A");
      const session = await signIn(a, emails.manager);
      const today = todayIn(TIME_ZONE);
      const created = await call(a, session, "POST", "/plans", {
        templateKey: "linkages-work-plan",
        title: "Plan with due steps",
        periodStart: "2026-01-01",
        header: { county: "Scale-out County, CA", linkages_goal: "Coordinate." },
      });
      expect(created.status).toBe(201);
      const planId = String(created.body.id);
      const topic = await call(a, session, "POST", `/plans/${planId}/items`, {
        section: "program_launch",
        level: "topic_area_program_launch",
        title: "Leadership actions are guided by a shared vision.",
        fields: { topic: "strategic_direction" },
      });
      expect(topic.status).toBe(201);
      const topicId = (topic.body.item as unknown as { id: string }).id;
      const assignees: string[] = [];
      for (const key of ["staffA", "staffB"] as const) {
        const [assignee] = await database.rows<{ id: string }>(
          sql`select id from users where email = ${emails[key]}`,
        );
        assignees.push(emails[key]);
        for (const title of ["First step", "Second step"]) {
          const step = await call(a, session, "POST", `/plans/${planId}/items`, {
            parentId: topicId,
            level: "action_step",
            title: `${title} for ${key}`,
            dueDate: today,
            assigneeUserId: assignee?.id,
          });
          expect(step.status).toBe(201);
        }
      }

      // Restart both processes with the scheduler on, checking every 50 ms from midnight: they start
      // together and keep racing for the same day's jobs.
      await Promise.all(processes.map((p) => p.stop()));
      const jobsEnv = {
        TRELLIS_SCHEDULER: "on",
        TRELLIS_JOBS_CHECK_MS: "50",
        TRELLIS_JOBS_FROM_HOUR: "0",
        LOG_LEVEL: "debug",
      };
      processes = await Promise.all(["A", "B"].map((n) => startProcess(n, databaseUrl, jobsEnv)));
      await Promise.all(processes.map(waitHealthy));
      const checks = (proc: AppProcess) => proc.logs().filter((line) => line.msg === "daily jobs checked");
      // Each process has checked several times: the first checks of both overlap, the later ones find the
      // jobs claimed.
      await until(() => processes.every((p) => checks(p).length >= 5), "both processes to check the jobs");

      // The session from before the restart still works: nothing about it lived in a process.
      expect((await call(byName("B"), session, "GET", "/me")).status).toBe(200);

      const days = new Set(processes.flatMap((p) => checks(p).map((line) => String(line.day))));
      for (const day of days) {
        for (const job of DAILY_JOBS) {
          const key =
            job === REMINDER_JOB
              ? "reminders"
              : job === RETENTION_JOB
                ? "retention"
                : "annualUpdateReminders";
          const runners = processes.flatMap((p) =>
            checks(p).filter(
              (line) => line.day === day && (line.ran as Record<string, boolean> | undefined)?.[key] === true,
            ),
          );
          expect(runners, `${job} on ${day} ran in ${runners.length} checks`).toHaveLength(1);
        }
      }
      const runs = await database.rows<{ job: string; run_key: string; finished: boolean }>(
        sql`select job, run_key, finished_at is not null as finished from job_runs order by job, run_key`,
      );
      expect(runs.filter((r) => r.run_key === today).map((r) => r.job)).toEqual([...DAILY_JOBS].sort());
      expect(runs.every((r) => r.finished)).toBe(true);

      const digests = await database.rows<{ to: string; n: string }>(
        sql`select to_address as "to", count(*) as n from outbox_messages
            where organization_id = ${organizationId} and subject like 'Trellis:%overdue%'
            group by to_address order by to_address`,
      );
      expect(digests.map((d) => [d.to, Number(d.n)])).toEqual(assignees.sort().map((email) => [email, 1]));
    });
  },
);
