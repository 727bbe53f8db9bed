import type { FastifyInstance, FastifyRequest } from "fastify";
import { loadApiTokenActor, loadSessionActor } from "../../features/accounts/accounts.repository.ts";
import type { AuditContext } from "../../features/audit/audit.service.ts";
import type { Actor } from "../authorization.ts";
import { AppError } from "../errors.ts";
import { safeEqual, sha256 } from "../tokens.ts";

export const SESSION_COOKIE = "trellis_session";
export const CSRF_HEADER = "x-csrf-token";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | null;
    /** Set when the request came with a session cookie. */
    sessionIdHash: string | null;
    csrfToken: string | null;
    auditContext(): AuditContext;
  }
  interface FastifyContextConfig {
    /** Routes are signed-in only unless they say otherwise. */
    public?: boolean;
    /**
     * false only for sign-in: it starts a new session whatever cookie came with it, so a forged
     * request cannot act in the old one (login CSRF is blunted by the SameSite cookie).
     */
    csrf?: boolean;
  }
}

/** The actor of a request: a session cookie, or an `Authorization: Bearer` API token. */
async function resolveActor(app: FastifyInstance, request: FastifyRequest): Promise<void> {
  const db = app.database.db;
  const authorization = request.headers.authorization;
  if (authorization?.startsWith("Bearer ")) {
    request.actor = await loadApiTokenActor(db, sha256(authorization.slice("Bearer ".length).trim()));
    return;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return;
  const idHash = sha256(cookie);
  const found = await loadSessionActor(db, idHash, new Date());
  if (!found) return;
  request.actor = found.actor;
  request.sessionIdHash = idHash;
  request.csrfToken = found.csrfToken;
}

export function installAuth(app: FastifyInstance): void {
  app.decorateRequest("actor", null);
  app.decorateRequest("sessionIdHash", null);
  app.decorateRequest("csrfToken", null);
  app.decorateRequest("auditContext", function (this: FastifyRequest): AuditContext {
    return {
      actorUserId: this.actor?.userId ?? null,
      actorEmail: this.actor?.email ?? null,
      organizationId: this.actor?.activeOrganizationId ?? null,
      requestId: this.id,
      ip: this.ip,
    };
  });

  // preValidation, not preHandler: a request without a session or without its CSRF token is refused
  // before its body is validated, so it learns nothing about the route's schema and gets 401/403, not 400.
  app.addHook("preValidation", async (request) => {
    // Unknown routes answer 404 whoever asks; static files of the web app are public.
    if (!request.url.startsWith("/api/") || request.url.startsWith("/api/docs") || request.is404) return;
    await resolveActor(app, request);
    const isPublic = request.routeOptions.config.public === true;
    if (!isPublic && !request.actor) throw new AppError("auth.required", "Sign in to continue.");
    // Cookie-authenticated writes must echo the session's CSRF token (API tokens are not sent by browsers).
    const csrfExempt = request.routeOptions.config.csrf === false;
    if (request.sessionIdHash && !SAFE_METHODS.has(request.method) && !csrfExempt) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== "string" || !request.csrfToken || !safeEqual(sent, request.csrfToken)) {
        throw new AppError("auth.csrf_failed", `Missing or wrong ${CSRF_HEADER} header.`);
      }
    }
  });
}
