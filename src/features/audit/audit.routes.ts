import { Readable } from "node:stream";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { stringify } from "csv-stringify";
import { Type } from "typebox";
import type { Actor } from "../../server/authorization.ts";
import { authorize } from "../../server/authorization.ts";
import { AppError } from "../../server/errors.ts";
import { errorResponses, Uuid } from "../../server/schema.ts";
import { requireActor } from "../accounts/accounts.routes.ts";
import {
  type AuditEventRow,
  type AuditFilter,
  allAuditEvents,
  listAuditEvents,
  recordAudit,
} from "./audit.service.ts";

const Outcome = Type.Union([Type.Literal("success"), Type.Literal("denied"), Type.Literal("failure")]);

const filterProperties = {
  action: Type.Optional(Type.String({ maxLength: 100 })),
  actorUserId: Type.Optional(Uuid),
  familyId: Type.Optional(Uuid),
  actorOrganizationId: Type.Optional(Uuid),
  outcome: Type.Optional(Outcome),
  resourceType: Type.Optional(Type.String({ maxLength: 100 })),
  resourceId: Type.Optional(Type.String({ maxLength: 100 })),
  from: Type.Optional(Type.String({ format: "date" })),
  to: Type.Optional(Type.String({ format: "date" })),
};

const AuditQuerystring = Type.Object(
  {
    ...filterProperties,
    cursor: Type.Optional(Type.String({ pattern: "^[0-9]{1,18}$" })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
);
const AuditExportQuerystring = Type.Object(filterProperties, { additionalProperties: false });

type FilterQuery = {
  action?: string | undefined;
  actorUserId?: string | undefined;
  familyId?: string | undefined;
  actorOrganizationId?: string | undefined;
  outcome?: "success" | "denied" | "failure" | undefined;
  resourceType?: string | undefined;
  resourceId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
};

const AuditEvent = Type.Object({
  id: Uuid,
  occurredAt: Type.String({ format: "date-time" }),
  actorUserId: Type.Union([Uuid, Type.Null()]),
  actorEmail: Type.Union([Type.String(), Type.Null()]),
  organizationId: Type.Union([Uuid, Type.Null()]),
  action: Type.String(),
  resourceType: Type.Union([Type.String(), Type.Null()]),
  resourceId: Type.Union([Type.String(), Type.Null()]),
  outcome: Outcome,
  ip: Type.Union([Type.String(), Type.Null()]),
  requestId: Type.Union([Type.String(), Type.Null()]),
  metadata: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
});

/** The active organization, if the actor may read its audit log. */
function requireAuditOrganization(actor: Actor): string {
  const organizationId = actor.activeOrganizationId;
  authorize(actor, "audit.list", { type: "audit_log", organizationId });
  if (!organizationId) throw new AppError("organization.not_member", "Choose an organization first.");
  return organizationId;
}

function filterOf(organizationId: string, q: FilterQuery): AuditFilter {
  return {
    organizationId,
    action: q.action,
    actorUserId: q.actorUserId,
    familyId: q.familyId,
    actorOrganizationId: q.actorOrganizationId,
    outcome: q.outcome,
    resourceType: q.resourceType,
    resourceId: q.resourceId,
    from: q.from ? new Date(`${q.from}T00:00:00Z`) : undefined,
    to: q.to ? new Date(`${q.to}T23:59:59.999Z`) : undefined,
  };
}

export const AUDIT_CSV_COLUMNS = [
  "occurredAt",
  "outcome",
  "action",
  "actorEmail",
  "actorUserId",
  "organizationId",
  "actorOrganizationId",
  "resourceType",
  "resourceId",
  "familyId",
  "basis",
  "requestId",
  "ip",
  "metadata",
] as const;

const text = (value: unknown): string => (typeof value === "string" ? value : "");

/** One CSV line: the family and the acting organization spelled out, whatever way the event names them. */
function csvRecord(row: AuditEventRow): Record<(typeof AUDIT_CSV_COLUMNS)[number], string> {
  const metadata = row.metadata ?? {};
  return {
    occurredAt: row.occurredAt.toISOString(),
    outcome: row.outcome,
    action: row.action,
    actorEmail: row.actorEmail ?? "",
    actorUserId: row.actorUserId ?? "",
    organizationId: row.organizationId ?? "",
    actorOrganizationId: text(metadata.actorOrganizationId) || (row.organizationId ?? ""),
    resourceType: row.resourceType ?? "",
    resourceId: row.resourceId ?? "",
    familyId: text(metadata.familyId) || (row.resourceType === "family" ? (row.resourceId ?? "") : ""),
    basis: text(metadata.basis),
    requestId: row.requestId ?? "",
    ip: row.ip ?? "",
    metadata: row.metadata ? JSON.stringify(row.metadata) : "",
  };
}

export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/audit-events",
    {
      schema: {
        operationId: "listAuditEvents",
        summary:
          "The audit log of the active organization, newest first (admins and privacy officers): by family, actor, acting organization, action, outcome and dates.",
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
      const organizationId = requireAuditOrganization(requireActor(request));
      const q = request.query;
      const limit = q.limit ?? 100;
      const rows = await listAuditEvents(app.database.db, {
        ...filterOf(organizationId, q),
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

  app.get(
    "/audit-events.csv",
    {
      schema: {
        operationId: "exportAuditEvents",
        summary:
          "Every event of the audit log that matches the filters, as CSV (admins and privacy officers); the export is itself audited.",
        tags: ["audit"],
        querystring: AuditExportQuerystring,
        response: { 200: Type.String({ description: "text/csv" }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const organizationId = requireAuditOrganization(requireActor(request));
      const filter = filterOf(organizationId, request.query);
      // The export is recorded before it starts: an interrupted download was still an export.
      await recordAudit(app.database.db, request.auditContext(), {
        action: "audit.export",
        outcome: "success",
        resourceType: "audit_log",
        resourceId: organizationId,
        organizationId,
        metadata: { filters: { ...request.query } },
      });
      const db = app.database.db;
      async function* records() {
        for await (const batch of allAuditEvents(db, filter)) {
          for (const row of batch) yield csvRecord(row);
        }
      }
      const source = Readable.from(records());
      // escape_formulas: a value such as "=HYPERLINK(…)" opens as text in a spreadsheet, not as a formula.
      const csv = stringify({ header: true, columns: [...AUDIT_CSV_COLUMNS], escape_formulas: true });
      source.on("error", (error) => {
        request.log.error({ err: error }, "audit export failed");
        csv.destroy(error);
      });
      csv.on("close", () => source.destroy());
      source.pipe(csv);
      const date = new Date().toISOString().slice(0, 10);
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="audit-events-${date}.csv"`)
        .send(csv);
    },
  );
};
