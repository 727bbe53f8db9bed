import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createOrganizationWithRoles,
  createTestApp,
  createUser,
  signIn,
  type TestContext,
} from "../../../test/helpers.ts";
import { auditEvents } from "../../db/schema/index.ts";
import { recordAudit, verifyAuditChain } from "./audit.service.ts";

let ctx: TestContext;
let home: Awaited<ReturnType<typeof createOrganizationWithRoles>>;
let other: Awaited<ReturnType<typeof createOrganizationWithRoles>>;

beforeAll(async () => {
  ctx = await createTestApp();
  home = await createOrganizationWithRoles(ctx);
  other = await createOrganizationWithRoles(ctx);
});
afterAll(() => ctx.close());

describe("audit log", () => {
  it("shows an admin the organization's events, newest first, with paging", async () => {
    const first = await home.admin.inject({ method: "GET", url: "/api/audit-events?limit=2" });
    expect(first.statusCode).toBe(200);
    const page = first.json();
    expect(page.items).toHaveLength(2);
    expect(page.items.every((e: { organizationId: string }) => e.organizationId === home.org.id)).toBe(true);
    const next = await home.admin.inject({
      method: "GET",
      url: `/api/audit-events?limit=2&cursor=${page.nextCursor}`,
    });
    const ids = new Set([...page.items, ...next.json().items].map((e: { id: string }) => e.id));
    expect(ids.size).toBe(4);
  });

  it("filters by action", async () => {
    const response = await home.admin.inject({ method: "GET", url: "/api/audit-events?action=auth.sign_in" });
    const actions = new Set(response.json().items.map((e: { action: string }) => e.action));
    expect([...actions]).toEqual(["auth.sign_in"]);
  });

  it("lets a privacy officer read it, refuses staff and other organizations, and audits the refusals", async () => {
    const officer = await createUser(ctx, {
      organizationId: home.org.id,
      role: "viewer",
      capabilities: ["privacy_officer"],
    });
    const officerSession = await signIn(ctx, officer);
    expect((await officerSession.inject({ method: "GET", url: "/api/audit-events" })).statusCode).toBe(200);
    expect((await home.staff.inject({ method: "GET", url: "/api/audit-events" })).statusCode).toBe(403);
    // Another organization's admin sees only their own organization's events.
    const foreign = await other.admin.inject({ method: "GET", url: "/api/audit-events?limit=500" });
    expect(
      foreign.json().items.some((e: { organizationId: string }) => e.organizationId === home.org.id),
    ).toBe(false);
    const denials = await ctx.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "audit.list"));
    expect(denials.filter((d) => d.outcome === "denied").map((d) => d.actorUserId)).toContain(
      home.staff.me.user.id,
    );
  });

  it("rejects a malformed filter with a named field and writes nothing", async () => {
    const response = await home.admin.inject({
      method: "GET",
      url: "/api/audit-events?from=yesterday&color=red",
    });
    expect(response.statusCode).toBe(400);
    const fields = response.json().error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(["/querystring/from", "/querystring/color"]));
  });
});

describe("tamper evidence", () => {
  it("verifies an intact chain and names the first event that was altered", async () => {
    const context = {
      actorUserId: null,
      actorEmail: "test",
      organizationId: null,
      requestId: null,
      ip: null,
    };
    for (let i = 0; i < 5; i++)
      await recordAudit(ctx.database.db, context, { action: `test.event.${i}`, outcome: "success" });
    const intact = await verifyAuditChain(ctx.database.db);
    expect(intact.ok).toBe(true);
    expect(intact.checked).toBeGreaterThan(5);

    const [victim] = await ctx.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "test.event.2"));
    await ctx.database.db
      .update(auditEvents)
      .set({ actorEmail: "someone-else" })
      .where(eq(auditEvents.seq, victim?.seq ?? -1));
    const broken = await verifyAuditChain(ctx.database.db);
    expect(broken.ok).toBe(false);
    expect(broken.firstBroken).toMatchObject({ seq: victim?.seq, reason: "hash_mismatch" });

    // Deleting an event breaks the link of the one after it.
    await ctx.database.db
      .update(auditEvents)
      .set({ actorEmail: "test" })
      .where(eq(auditEvents.seq, victim?.seq ?? -1));
    await ctx.database.db.execute(sql`delete from audit_events where seq = ${victim?.seq ?? -1}`);
    const gap = await verifyAuditChain(ctx.database.db);
    expect(gap.firstBroken?.reason).toBe("prev_hash_mismatch");
    expect(gap.firstBroken?.seq).toBeGreaterThan(victim?.seq ?? 0);
  });

  it("keeps one chain when many events are written at once", async () => {
    const fresh = await createTestApp();
    try {
      const context = {
        actorUserId: null,
        actorEmail: "test",
        organizationId: null,
        requestId: null,
        ip: null,
      };
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          recordAudit(fresh.database.db, context, { action: `burst.${i}`, outcome: "success" }),
        ),
      );
      const result = await verifyAuditChain(fresh.database.db);
      expect(result).toMatchObject({ ok: true, checked: 40 });
    } finally {
      await fresh.close();
    }
  });
});
