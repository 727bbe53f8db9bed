import { existsSync } from "node:fs";
import path from "node:path";
import fastifyCookie from "@fastify/cookie";
import fastifyHelmet from "@fastify/helmet";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import type { Database } from "../db/client.ts";
import { accountsRoutes } from "../features/accounts/accounts.routes.ts";
import { auditRoutes } from "../features/audit/audit.routes.ts";
import { consentRoutes } from "../features/consent/consent.routes.ts";
import { directoryRoutes } from "../features/directory/directory.routes.ts";
import { hsdsRoutes } from "../features/directory/hsds.routes.ts";
import { familiesRoutes } from "../features/families/families.routes.ts";
import { healthRoutes } from "../features/health/health.routes.ts";
import { syncReferenceMeasures } from "../features/measures/measures.reference.ts";
import { measuresRoutes } from "../features/measures/measures.routes.ts";
import { organizationsRoutes } from "../features/organizations/organizations.routes.ts";
import { calendarFeedRoute, planExportsRoutes } from "../features/plans/plan-exports.routes.ts";
import { plansRoutes } from "../features/plans/plans.routes.ts";
import { privacyOfficerRoutes } from "../features/privacy/privacy.routes.ts";
import { privacyDocumentsRoutes } from "../features/privacy/privacy-documents.routes.ts";
import { referralsRoutes } from "../features/referrals/referrals.routes.ts";
import { sipRoutes } from "../features/sip/sip.routes.ts";
import { learningRoutes } from "../features/ta/learning.routes.ts";
import { partnershipsRoutes } from "../features/ta/partnerships.routes.ts";
import { taRoutes } from "../features/ta/ta.routes.ts";
import { loadTemplates, type TemplateCatalog } from "../features/templates/templates.service.ts";
import type { Config } from "./config.ts";
import { createMailer, type Mailer } from "./mailer.ts";
import { installAuth } from "./plugins/auth.ts";
import { apiNotFound, installErrorHandling } from "./plugins/errors.ts";
import { registerOpenApi } from "./plugins/openapi.ts";
import { installValidation } from "./plugins/validation.ts";
import { ErrorResponse } from "./schema.ts";

declare module "fastify" {
  interface FastifyInstance {
    database: Database;
    config: Config;
    mailer: Mailer;
    templates: TemplateCatalog;
  }
}

export interface BuildOptions {
  database: Database;
  config: Config;
  logger?: FastifyServerOptions["logger"];
  mailer?: Mailer;
  templates?: TemplateCatalog;
}

/** Builds the whole application; tests use it with app.inject, main.ts listens. */
export async function buildApp(options: BuildOptions): Promise<FastifyInstance> {
  const { config } = options;
  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    requestIdHeader: false,
    genReqId: () => crypto.randomUUID(),
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate("database", options.database);
  app.decorate("config", config);
  app.decorate("templates", options.templates ?? loadTemplates());
  app.decorate(
    "mailer",
    options.mailer ?? createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, log: app.log }),
  );
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
    // API answers carry family and account data: browsers and proxies keep no copy unless a route says
    // otherwise (ASVS 8.2.1). The web app's static files are cached as @fastify/static decides.
    if (request.url.startsWith("/api/") && !reply.hasHeader("cache-control"))
      reply.header("cache-control", "no-store");
  });

  // Files (CSV, XLSX) arrive as raw bodies; the routes that accept them say so in their docs.
  app.addContentTypeParser(
    ["text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    { parseAs: "buffer" },
    (_request, body, done) => done(null, body),
  );
  app.addHook("onReady", async () => {
    await syncReferenceMeasures(options.database.db);
  });

  installValidation(app);
  installErrorHandling(app);
  app.addSchema(ErrorResponse);

  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "upgrade-insecure-requests": null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  // Limits are opted into per route (sign-in, resets, public endpoints).
  await app.register(fastifyRateLimit, { global: false });
  installAuth(app);
  await registerOpenApi(app);

  await app.register(
    async (api) => {
      await api.register(healthRoutes);
      await api.register(accountsRoutes);
      await api.register(organizationsRoutes);
      await api.register(auditRoutes);
      await api.register(plansRoutes);
      await api.register(measuresRoutes);
      await api.register(sipRoutes);
      await api.register(planExportsRoutes);
      await api.register(directoryRoutes);
      await api.register(familiesRoutes);
      await api.register(referralsRoutes);
      await api.register(consentRoutes);
      await api.register(privacyOfficerRoutes);
      await api.register(privacyDocumentsRoutes);
      await api.register(learningRoutes);
      await api.register(partnershipsRoutes);
      await api.register(taRoutes);
    },
    { prefix: "/api" },
  );
  await app.register(calendarFeedRoute);
  // The Open Referral HSDS read API, public or token-only by configuration.
  await app.register(hsdsRoutes, { prefix: "/hsds" });

  const webDist = config.webDist;
  const hasWeb = webDist !== undefined && existsSync(path.join(webDist, "index.html"));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: path.resolve(webDist), wildcard: false, index: false });
  }
  app.setNotFoundHandler((request, reply) => {
    if (
      request.url.startsWith("/api") ||
      request.url.startsWith("/hsds") ||
      !hasWeb ||
      request.method !== "GET"
    ) {
      return apiNotFound(request, reply);
    }
    // Client-side routes: the single-page app answers them.
    return reply.type("text/html").sendFile("index.html");
  });

  return app;
}
