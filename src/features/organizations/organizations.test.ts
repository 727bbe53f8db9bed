import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditEventsFor,
  createOrganizationWithRoles,
  createTestApp,
  type Session,
  type TestContext,
} from "../../../test/helpers.ts";

let ctx: TestContext;
let home: Awaited<ReturnType<typeof createOrganizationWithRoles>>;
let other: Awaited<ReturnType<typeof createOrganizationWithRoles>>;

beforeAll(async () => {
  ctx = await createTestApp();
  home = await createOrganizationWithRoles(ctx);
  other = await createOrganizationWithRoles(ctx, "community_provider");
});
afterAll(() => ctx.close());

async function invite(session: Session, email: string, role = "staff") {
  return session.inject({
    method: "POST",
    url: `/api/organizations/${home.org.id}/invitations`,
    payload: { email, role },
  });
}

describe("organizations", () => {
  it("lists every organization and flags the ones the user belongs to", async () => {
    const response = await home.staff.inject({ method: "GET", url: "/api/organizations" });
    const items = response.json().items as { id: string; isMember: boolean }[];
    expect(items.find((o) => o.id === home.org.id)?.isMember).toBe(true);
    expect(items.find((o) => o.id === other.org.id)?.isMember).toBe(false);
  });

  it("lists members to members, and answers 404 to another organization's admin (audited)", async () => {
    const mine = await home.viewer.inject({
      method: "GET",
      url: `/api/organizations/${home.org.id}/members`,
    });
    expect(mine.statusCode).toBe(200);
    expect(
      mine
        .json()
        .items.map((m: { role: string }) => m.role)
        .sort(),
    ).toEqual(["admin", "manager", "staff", "viewer"]);
    const foreign = await other.admin.inject({
      method: "GET",
      url: `/api/organizations/${home.org.id}/members`,
    });
    expect(foreign.statusCode).toBe(404);
    const denial = (await auditEventsFor(ctx, "organization.members.list")).at(-1);
    expect(denial).toMatchObject({
      outcome: "denied",
      organizationId: home.org.id,
      actorUserId: other.admin.me.user.id,
    });
  });
});

describe("invitations", () => {
  it("lets an admin invite by link shown in the outbox; the invitee accepts, is signed in and is a member", async () => {
    const created = await invite(home.admin, "new.person@test.example", "manager");
    expect(created.statusCode).toBe(201);
    const { link } = created.json();
    expect(link).toMatch(/^http:\/\/trellis\.test\/invitations\//);

    const outbox = await home.admin.inject({
      method: "GET",
      url: `/api/organizations/${home.org.id}/outbox`,
    });
    expect(outbox.json().items[0]).toMatchObject({ to: "new.person@test.example" });
    expect(outbox.json().items[0].body).toContain(link);

    const token = link.split("/").at(-1);
    const view = await ctx.app.inject({ method: "GET", url: `/api/invitations/${token}` });
    expect(view.json()).toMatchObject({ email: "new.person@test.example", role: "manager" });

    const accepted = await ctx.app.inject({
      method: "POST",
      url: `/api/invitations/${token}/accept`,
      payload: { name: "New Person", password: "a long enough passphrase" },
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().memberships).toEqual([
      expect.objectContaining({ organizationId: home.org.id, role: "manager" }),
    ]);
    const cookie = String(accepted.headers["set-cookie"]).split(";")[0] ?? "";
    expect((await ctx.app.inject({ method: "GET", url: "/api/me", headers: { cookie } })).statusCode).toBe(
      200,
    );

    const reused = await ctx.app.inject({
      method: "POST",
      url: `/api/invitations/${token}/accept`,
      payload: { name: "Someone Else", password: "a long enough passphrase" },
    });
    expect(reused.statusCode).toBe(404);
    expect(reused.json().error.code).toBe("invitation.invalid");
  });

  it("lets a signed-in user join another organization with one click, and asks a new account for name and password", async () => {
    const existingEmail = await memberEmail(other.staff);
    const created = await invite(home.admin, existingEmail, "viewer");
    const token = created.json().link.split("/").at(-1);
    const anonymous = await ctx.app.inject({
      method: "POST",
      url: `/api/invitations/${token}/accept`,
      payload: {},
    });
    expect(anonymous.statusCode).toBe(409);
    expect(anonymous.json().error.code).toBe("invitation.email_taken");
    const joined = await other.staff.inject({
      method: "POST",
      url: `/api/invitations/${token}/accept`,
      payload: {},
    });
    expect(joined.statusCode).toBe(200);
    expect(joined.json().memberships.map((m: { organizationId: string }) => m.organizationId)).toContain(
      home.org.id,
    );

    const fresh = (await invite(home.admin, "brand.new@test.example")).json().link.split("/").at(-1);
    const missing = await ctx.app.inject({
      method: "POST",
      url: `/api/invitations/${fresh}/accept`,
      payload: { name: "New" },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details).toEqual([
      { field: "/body/password", message: "is required for a new account" },
    ]);
  });

  it("refuses invitations from non-admins and from other organizations, and audits both", async () => {
    const byManager = await invite(home.manager, "x@test.example");
    expect(byManager.statusCode).toBe(403);
    const byOutsider = await invite(other.admin, "y@test.example");
    expect(byOutsider.statusCode).toBe(403);
    const denials = (await auditEventsFor(ctx, "organization.invitations.create")).filter(
      (e) => e.outcome === "denied",
    );
    expect(denials.map((d) => d.actorUserId)).toEqual(
      expect.arrayContaining([home.manager.me.user.id, other.admin.me.user.id]),
    );
  });

  it("rejects inviting an existing member with a conflict", async () => {
    const response = await invite(home.admin, home.staff.me.user.id ? await memberEmail(home.staff) : "");
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe("membership.exists");
  });

  it("hides the outbox from non-admins and other organizations", async () => {
    expect(
      (await home.staff.inject({ method: "GET", url: `/api/organizations/${home.org.id}/outbox` }))
        .statusCode,
    ).toBe(403);
    expect(
      (await other.admin.inject({ method: "GET", url: `/api/organizations/${home.org.id}/outbox` }))
        .statusCode,
    ).toBe(403);
  });
});

async function memberEmail(session: Session): Promise<string> {
  return (await session.inject({ method: "GET", url: "/api/me" })).json().user.email;
}

describe("API tokens", () => {
  it("acts for one organization only, is stored hashed, and stops working when revoked", async () => {
    const created = await home.admin.inject({
      method: "POST",
      url: `/api/organizations/${home.org.id}/api-tokens`,
      payload: { name: "case system sync" },
    });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    expect(token).toMatch(/^trl_/);
    const bearer = { authorization: `Bearer ${token}` };

    const me = await ctx.app.inject({ method: "GET", url: "/api/me", headers: bearer });
    expect(me.json().memberships.map((m: { organizationId: string }) => m.organizationId)).toEqual([
      home.org.id,
    ]);
    // A bearer token is not a browser session: no CSRF header needed, and it cannot mint more tokens.
    const mint = await ctx.app.inject({
      method: "POST",
      url: `/api/organizations/${home.org.id}/api-tokens`,
      headers: bearer,
      payload: { name: "more" },
    });
    expect(mint.statusCode).toBe(403);

    const list = await home.admin.inject({
      method: "GET",
      url: `/api/organizations/${home.org.id}/api-tokens`,
    });
    expect(JSON.stringify(list.json())).not.toContain(token);
    expect(list.json().items[0].lastUsedAt).not.toBeNull();

    const foreignRevoke = await other.admin.inject({
      method: "DELETE",
      url: `/api/organizations/${home.org.id}/api-tokens/${id}`,
    });
    expect(foreignRevoke.statusCode).toBe(403);
    const revoked = await home.admin.inject({
      method: "DELETE",
      url: `/api/organizations/${home.org.id}/api-tokens/${id}`,
    });
    expect(revoked.statusCode).toBe(204);
    expect((await ctx.app.inject({ method: "GET", url: "/api/me", headers: bearer })).statusCode).toBe(401);
  });
});
