import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import type { Actor } from "../../server/authorization.ts";
import { AppError } from "../../server/errors.ts";
import { SESSION_COOKIE } from "../../server/plugins/auth.ts";
import { errorResponses } from "../../server/schema.ts";
import { loadSessionActor } from "./accounts.repository.ts";
import {
  ActiveOrganizationBody,
  ChangePasswordBody,
  LocaleBody,
  Me,
  PasswordResetConfirmBody,
  PasswordResetRequestBody,
  SignInBody,
} from "./accounts.schema.ts";
import {
  changePassword,
  confirmPasswordReset,
  presentMe,
  requestPasswordReset,
  setActiveOrganization,
  setLocale,
  signIn,
  signOut,
} from "./accounts.service.ts";

const tags = ["accounts"];

/** The signed-in actor; the auth hook has already refused anonymous requests to non-public routes. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError("auth.required", "Sign in to continue.");
  return request.actor;
}

function requireSession(request: FastifyRequest): string {
  if (!request.sessionIdHash) throw new AppError("auth.required", "This needs a signed-in browser session.");
  return request.sessionIdHash;
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, expires: Date) {
  const setting = request.server.config.cookieSecure;
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: setting === "auto" ? request.protocol === "https" : setting,
    expires,
  });
}

async function currentMe(request: FastifyRequest) {
  const loaded = await loadSessionActor(request.server.database.db, requireSession(request), new Date());
  if (!loaded) throw new AppError("auth.required", "Sign in to continue.");
  return presentMe(loaded.actor, loaded.csrfToken);
}

export const accountsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = () => ({ db: app.database.db, config: app.config, mailer: app.mailer });

  app.post(
    "/session",
    {
      config: {
        public: true,
        rateLimit: { max: app.config.signInRateLimitPerMinute, timeWindow: "1 minute" },
      },
      schema: {
        operationId: "signIn",
        summary: "Sign in with e-mail and password; sets the session cookie.",
        tags,
        body: SignInBody,
        response: {
          200: Me,
          ...errorResponses,
          423: Type.Ref("ErrorResponse"),
          429: Type.Ref("ErrorResponse"),
        },
      },
    },
    async (request, reply) => {
      const result = await signIn(
        deps(),
        { ...request.body, userAgent: request.headers["user-agent"] },
        request.auditContext(),
      );
      setSessionCookie(request, reply, result.sessionToken, result.expiresAt);
      return result.me;
    },
  );

  app.delete(
    "/session",
    {
      schema: {
        operationId: "signOut",
        summary: "Sign out (ends this session).",
        tags,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      requireActor(request);
      await signOut(app.database.db, requireSession(request), request.auditContext());
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/me",
    {
      schema: {
        operationId: "getMe",
        summary: "The signed-in user, memberships and CSRF token.",
        tags,
        response: { 200: Me, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      if (request.sessionIdHash) return currentMe(request);
      return presentMe(actor, "");
    },
  );

  app.put(
    "/me/active-organization",
    {
      schema: {
        operationId: "setActiveOrganization",
        summary: "Switch the organization this session acts for.",
        tags,
        body: ActiveOrganizationBody,
        response: { 200: Me, ...errorResponses },
      },
    },
    async (request) => {
      await setActiveOrganization(
        app.database.db,
        requireActor(request),
        requireSession(request),
        request.body.organizationId,
      );
      return currentMe(request);
    },
  );

  app.put(
    "/me/locale",
    {
      schema: {
        operationId: "setLocale",
        summary: "Set the preferred language.",
        tags,
        body: LocaleBody,
        response: { 200: Me, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await setLocale(app.database.db, actor, request.body.locale);
      return request.sessionIdHash
        ? currentMe(request)
        : presentMe({ ...actor, locale: request.body.locale }, "");
    },
  );

  app.post(
    "/me/password",
    {
      schema: {
        operationId: "changePassword",
        summary: "Change the password; other sessions are signed out.",
        tags,
        body: ChangePasswordBody,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await changePassword(
        app.database.db,
        requireActor(request),
        { ...request.body, keepSessionIdHash: request.sessionIdHash },
        request.auditContext(),
      );
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/password-resets",
    {
      config: { public: true, rateLimit: { max: 10, timeWindow: "1 minute" } },
      schema: {
        operationId: "requestPasswordReset",
        summary: "E-mail a single-use reset link (answers the same whether or not the account exists).",
        tags,
        body: PasswordResetRequestBody,
        response: { 202: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await requestPasswordReset(deps(), request.body.email, request.auditContext());
      return reply.code(202).send(null);
    },
  );

  app.post(
    "/password-resets/confirm",
    {
      config: { public: true, rateLimit: { max: 10, timeWindow: "1 minute" } },
      schema: {
        operationId: "confirmPasswordReset",
        summary: "Set a new password with a reset token.",
        tags,
        body: PasswordResetConfirmBody,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await confirmPasswordReset(app.database.db, request.body, request.auditContext());
      return reply.code(204).send(null);
    },
  );
};
