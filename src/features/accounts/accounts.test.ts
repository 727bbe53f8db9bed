import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditEventsFor,
  createOrganization,
  createTestApp,
  createUser,
  signIn,
  type TestContext,
} from "../../../test/helpers.ts";
import { passwordResetTokens, sessions } from "../../db/schema/index.ts";
import { sha256 } from "../../server/tokens.ts";
import { LOCKOUT } from "./accounts.service.ts";

let ctx: TestContext;
let orgId: string;

beforeAll(async () => {
  ctx = await createTestApp();
  orgId = (await createOrganization(ctx)).id;
});
afterAll(() => ctx.close());

const post = (url: string, payload: unknown) =>
  ctx.app.inject({ method: "POST", url, payload: payload as object });

describe("sign-in", () => {
  it("signs in with the right password and sets an httpOnly, SameSite session cookie", async () => {
    const user = await createUser(ctx, { organizationId: orgId, role: "staff" });
    const response = await post("/api/session", { email: user.email.toUpperCase(), password: user.password });
    expect(response.statusCode).toBe(200);
    const cookie = String(response.headers["set-cookie"]);
    expect(cookie).toMatch(/^trellis_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/); // plain HTTP here; Secure behind TLS
    const body = response.json();
    expect(body.user.email).toBe(user.email);
    expect(body.activeOrganizationId).toBe(orgId);
    expect(body.memberships[0]).toMatchObject({ organizationId: orgId, role: "staff" });
    expect(body.csrfToken).toHaveLength(32);
    const [event] = (await auditEventsFor(ctx, "auth.sign_in")).filter((e) => e.actorUserId === body.user.id);
    expect(event?.outcome).toBe("success");
  });

  it("marks the cookie Secure when the request arrived over TLS", async () => {
    const secureCtx = await createTestApp({ trustProxy: true });
    try {
      const org = await createOrganization(secureCtx);
      const user = await createUser(secureCtx, { organizationId: org.id, role: "staff" });
      const response = await secureCtx.app.inject({
        method: "POST",
        url: "/api/session",
        headers: { "x-forwarded-proto": "https" },
        payload: { email: user.email, password: user.password },
      });
      expect(String(response.headers["set-cookie"])).toMatch(/Secure/);
    } finally {
      await secureCtx.close();
    }
  });

  it("gives the same generic answer for a wrong password and an unknown e-mail", async () => {
    const user = await createUser(ctx, { organizationId: orgId, role: "staff" });
    const wrong = await post("/api/session", { email: user.email, password: "not the password" });
    const unknown = await post("/api/session", {
      email: "nobody@test.example",
      password: "not the password",
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.code).toBe("auth.invalid_credentials");
    const failures = (await auditEventsFor(ctx, "auth.sign_in")).filter((e) => e.outcome === "failure");
    expect(failures.map((e) => e.actorEmail)).toEqual(
      expect.arrayContaining([user.email, "nobody@test.example"]),
    );
  });

  it("locks an e-mail out after repeated failures, even with the right password, known or not", async () => {
    const user = await createUser(ctx, { organizationId: orgId, role: "staff" });
    for (const email of [user.email, "ghost@test.example"]) {
      for (let i = 0; i < LOCKOUT.maxFailures; i++) {
        expect((await post("/api/session", { email, password: "wrong password" })).statusCode).toBe(401);
      }
      const locked = await post("/api/session", {
        email,
        password: email === user.email ? user.password : "x",
      });
      expect(locked.statusCode).toBe(423);
      expect(locked.json().error.code).toBe("auth.locked");
    }
  });

  it("throttles sign-in attempts per address", async () => {
    const limited = await createTestApp({ signInRateLimitPerMinute: 3 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await limited.app.inject({
          method: "POST",
          url: "/api/session",
          payload: { email: `x${i}@test.example`, password: "whatever" },
        });
        statuses.push(r.statusCode);
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await limited.close();
    }
  });

  it("starts a new session id at every sign-in (no fixation)", async () => {
    const user = await createUser(ctx, { organizationId: orgId, role: "staff" });
    const first = await signIn(ctx, user);
    const second = await ctx.app.inject({
      method: "POST",
      url: "/api/session",
      headers: { cookie: first.cookie, "x-csrf-token": first.csrfToken },
      payload: { email: user.email, password: user.password },
    });
    const secondCookie = String(second.headers["set-cookie"]).split(";")[0];
    expect(secondCookie).not.toBe(first.cookie);
  });
});

describe("session", () => {
  it("refuses anonymous requests with 401 and audits the refusal", async () => {
    const response = await ctx.app.inject({ method: "GET", url: "/api/me" });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe("auth.required");
    expect((await auditEventsFor(ctx, "auth.required")).at(-1)?.outcome).toBe("denied");
  });

  it("requires the CSRF header on cookie-authenticated writes", async () => {
    const user = await createUser(ctx, { organizationId: orgId, role: "staff" });
    const session = await signIn(ctx, user);
    const response = await ctx.app.inject({
      method: "PUT",
      url: "/api/me/locale",
      headers: { cookie: session.cookie },
      payload: { locale: "es" },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe("auth.csrf_failed");
    const forged = await ctx.app.inject({
      method: "PUT",
      url: "/api/me/locale",
      headers: { cookie: session.cookie, "x-csrf-token": "forged-token-of-the-right-length-xx" },
      payload: { locale: "es" },
    });
    expect(forged.statusCode).toBe(403);
    const ok = await session.inject({ method: "PUT", url: "/api/me/locale", payload: { locale: "es" } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.locale).toBe("es");
  });

  it("signs out: the cookie no longer works", async () => {
    const user = await createUser(ctx, { organizationId: orgId, role: "staff" });
    const session = await signIn(ctx, user);
    expect((await session.inject({ method: "DELETE", url: "/api/session" })).statusCode).toBe(204);
    expect((await session.inject({ method: "GET", url: "/api/me" })).statusCode).toBe(401);
  });

  it("switches the active organization only to one the user belongs to", async () => {
    const other = await createOrganization(ctx);
    const foreign = await createOrganization(ctx);
    const user = await createUser(ctx, { organizationId: orgId, role: "staff" });
    await ctx.database.db.insert((await import("../../db/schema/index.ts")).memberships).values({
      organizationId: other.id,
      userId: user.id,
      role: "viewer",
    });
    const session = await signIn(ctx, user);
    const switched = await session.inject({
      method: "PUT",
      url: "/api/me/active-organization",
      payload: { organizationId: other.id },
    });
    expect(switched.json().activeOrganizationId).toBe(other.id);
    const refused = await session.inject({
      method: "PUT",
      url: "/api/me/active-organization",
      payload: { organizationId: foreign.id },
    });
    expect(refused.statusCode).toBe(403);
    expect((await session.inject({ method: "GET", url: "/api/me" })).json().activeOrganizationId).toBe(
      other.id,
    );
    // The next sign-in starts where the user last worked.
    const again = await signIn(ctx, user);
    expect((await again.inject({ method: "GET", url: "/api/me" })).json().activeOrganizationId).toBe(
      other.id,
    );
  });
});

describe("passwords", () => {
  it("changes the password, keeps this session and ends the others", async () => {
    const user = await createUser(ctx, { organizationId: orgId, role: "staff" });
    const here = await signIn(ctx, user);
    const elsewhere = await signIn(ctx, user);
    const wrong = await here.inject({
      method: "POST",
      url: "/api/me/password",
      payload: { currentPassword: "nope", newPassword: "a brand new passphrase" },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe("auth.current_password_wrong");
    const short = await here.inject({
      method: "POST",
      url: "/api/me/password",
      payload: { currentPassword: user.password, newPassword: "short" },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details[0].field).toBe("/body/newPassword");
    const changed = await here.inject({
      method: "POST",
      url: "/api/me/password",
      payload: { currentPassword: user.password, newPassword: "a brand new passphrase" },
    });
    expect(changed.statusCode).toBe(204);
    expect((await here.inject({ method: "GET", url: "/api/me" })).statusCode).toBe(200);
    expect((await elsewhere.inject({ method: "GET", url: "/api/me" })).statusCode).toBe(401);
    await signIn(ctx, { email: user.email, password: "a brand new passphrase" });
  });

  it("resets a password with a single-use link from the outbox, and answers the same for unknown e-mails", async () => {
    const user = await createUser(ctx, { organizationId: orgId, role: "staff" });
    expect((await post("/api/password-resets", { email: "nobody@test.example" })).statusCode).toBe(202);
    expect((await post("/api/password-resets", { email: user.email })).statusCode).toBe(202);
    const { outboxMessages } = await import("../../db/schema/index.ts");
    const [mail] = await ctx.database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.to, user.email));
    const token = mail?.body.match(/token=([\w-]+)/)?.[1];
    expect(token).toBeTruthy();
    const first = await post("/api/password-resets/confirm", { token, newPassword: "reset passphrase 123" });
    expect(first.statusCode).toBe(204);
    const again = await post("/api/password-resets/confirm", { token, newPassword: "another passphrase 1" });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe("auth.reset_token_invalid");
    await signIn(ctx, { email: user.email, password: "reset passphrase 123" });
  });

  it("refuses an expired reset token", async () => {
    const user = await createUser(ctx, { organizationId: orgId, role: "staff" });
    await ctx.database.db.insert(passwordResetTokens).values({
      tokenHash: sha256("expired-token-value"),
      userId: user.id,
      expiresAt: new Date(Date.now() - 1000),
    });
    const response = await post("/api/password-resets/confirm", {
      token: "expired-token-value",
      newPassword: "reset passphrase 123",
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe("auth.reset_token_invalid");
  });
});

describe("sessions table", () => {
  it("stores only the hash of the session secret", async () => {
    const user = await createUser(ctx, { organizationId: orgId, role: "staff" });
    const session = await signIn(ctx, user);
    const secret = session.cookie.split("=")[1] ?? "";
    const rows = await ctx.database.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(rows.map((r) => r.idHash)).toEqual([sha256(secret)]);
  });
});
