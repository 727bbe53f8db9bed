import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { authorize } from "../../server/authorization.ts";
import { AppError } from "../../server/errors.ts";
import { errorResponses, Uuid } from "../../server/schema.ts";
import { requireActor } from "../accounts/accounts.routes.ts";
import { listAuditEvents } from "./audit.service.ts";

const AuditQuerystring = Type.Object(
  {
    action: Type.Optional(Type.String({ maxLength: 100 })),
    actorUserId: Type.Optional(Uuid),
    resourceType: Type.Optional(Type.String({ maxLength: 100 })),
    resourceId: Type.Optional(Type.String({ maxLength: 100 })),
    from: Type.Optional(Type.String({ format: "date" })),
    to: Type.Optional(Type.String({ format: "date" })),
    cursor: Type.Optional(Type.String({ pattern: "^[0-9]{1,18}$" })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
);

const AuditEvent = Type.Object({
  id: Uuid,
  occurredAt: Type.String({ format: "date-time" }),
  actorUserId: Type.Union([Uuid, Type.Null()]),
  actorEmail: Type.Union([Type.String(), Type.Null()]),
  organizationId: Type.Union([Uuid, Type.Null()]),
  action: Type.String(),
  resourceType: Type.Union([Type.String(), Type.Null()]),
  resourceId: Type.Union([Type.String(), Type.Null()]),
  outcome: Type.Union([Type.Literal("success"), Type.Literal("denied"), Type.Literal("failure")]),
  ip: Type.Union([Type.String(), Type.Null()]),
  requestId: Type.Union([Type.String(), Type.Null()]),
  metadata: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
});

export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/audit-events",
    {
      schema: {
        operationId: "listAuditEvents",
        summary: "The audit log of the active organization, newest first (admins and privacy officers).",
        tags: ["audit"],
        querystring: AuditQuerystring,
        response: {
          200: Type.Object({
            items: Type.Array(AuditEvent),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const organizationId = actor.activeOrganizationId;
      authorize(actor, "audit.list", { type: "audit_log", organizationId });
      if (!organizationId) throw new AppError("organization.not_member", "Choose an organization first.");
      const q = request.query;
      const limit = q.limit ?? 100;
      const rows = await listAuditEvents(app.database.db, {
        organizationId,
        action: q.action,
        actorUserId: q.actorUserId,
        resourceType: q.resourceType,
        resourceId: q.resourceId,
        from: q.from ? new Date(`${q.from}T00:00:00Z`) : undefined,
        to: q.to ? new Date(`${q.to}T23:59:59.999Z`) : undefined,
        beforeSeq: q.cursor ? Number(q.cursor) : undefined,
        limit,
      });
      const last = rows.at(-1);
      return {
        items: rows.map((r) => ({ ...r, occurredAt: r.occurredAt.toISOString() })),
        nextCursor: rows.length === limit && last ? String(last.seq) : null,
      };
    },
  );
};
