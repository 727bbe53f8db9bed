import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { recordAudit } from "../../features/audit/audit.service.ts";
import { AccessDeniedError, AppError, type ErrorCode, type ErrorDetail } from "../errors.ts";

interface ErrorBody {
  error: { code: ErrorCode; message: string; details: ErrorDetail[] };
}

function body(code: ErrorCode, message: string, details: ErrorDetail[] = []): ErrorBody {
  return { error: { code, message, details } };
}

/** Fastify's own errors (parsing, limits, validation) as our error codes. */
function fromFastifyError(error: FastifyError): AppError | null {
  if (error.validation) {
    const context = error.validationContext ?? "body";
    let details: ErrorDetail[] = error.validation.map((v) => {
      const params = v.params as Record<string, unknown>;
      const extra = typeof params.additionalProperty === "string" ? `/${params.additionalProperty}` : "";
      const missing = typeof params.missingProperty === "string" ? `/${params.missingProperty}` : "";
      const field = `/${context}${v.instancePath}${extra}${missing}`;
      const message =
        extra !== ""
          ? `unknown field "${params.additionalProperty}"`
          : (v.message ?? "is invalid").toString();
      return { field, message };
    });
    // A failed anyOf reports each branch; one line per field and message is enough.
    const seen = new Set<string>();
    details = details.filter((d) => {
      const key = `${d.field} ${d.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    const summary = details.map((d) => `${d.field} ${d.message}`).join("; ");
    return new AppError("validation.failed", `The request is not valid: ${summary}`, details);
  }
  switch (error.code) {
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return new AppError("request.invalid_json", "The request body is not valid JSON.");
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new AppError("request.too_large", "The request body is too large.");
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new AppError("request.unsupported_media_type", "Send the request body as application/json.");
  }
  if (error instanceof SyntaxError || error.statusCode === 400) {
    return new AppError("request.invalid_json", "The request body is not valid JSON.");
  }
  if (error.statusCode === 429)
    return new AppError("auth.rate_limited", "Too many requests. Try again shortly.");
  return null;
}

/** Denials are part of the record: who tried what, on which resource, and was refused. */
async function auditDenial(request: FastifyRequest, error: AppError): Promise<void> {
  const denied = error instanceof AccessDeniedError;
  await recordAudit(request.server.database.db, request.auditContext(), {
    action: denied ? error.action : error.code,
    outcome: "denied",
    resourceType: denied ? error.resourceType : "route",
    resourceId: denied ? error.resourceId : (request.routeOptions.url ?? request.url),
    organizationId: denied ? error.organizationId : (request.actor?.activeOrganizationId ?? null),
    metadata: { method: request.method, url: request.url, status: error.status },
  });
}

const AUDITED_DENIALS = new Set<ErrorCode>(["auth.required", "auth.csrf_failed", "auth.rate_limited"]);

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(async (raw: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) => {
    const error = raw instanceof AppError ? raw : fromFastifyError(raw);
    if (!error) {
      request.log.error({ err: raw }, "unhandled error");
      return reply
        .code(500)
        .send(body("internal", `Something went wrong on our side. Reference: ${request.id}`));
    }
    if (error instanceof AccessDeniedError || AUDITED_DENIALS.has(error.code)) {
      try {
        await auditDenial(request, error);
      } catch (auditError) {
        request.log.error({ err: auditError }, "could not audit a denial");
      }
    }
    if (error.status >= 500) request.log.error({ err: raw }, error.message);
    return reply.code(error.status).send(body(error.code, error.message, error.details));
  });
}

export function apiNotFound(request: FastifyRequest, reply: FastifyReply) {
  return reply
    .code(404)
    .send(body("route.not_found", `No route ${request.method} ${request.url.split("?")[0] ?? ""}.`));
}
