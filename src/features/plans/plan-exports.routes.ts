import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { renderActionStepsCsv } from "../../exports/csv/action-steps.ts";
import { renderPlanDocx } from "../../exports/docx/plan-docx.ts";
import { renderPlanPdf } from "../../exports/pdf/plan-pdf.ts";
import { renderActionStepsXlsx } from "../../exports/xlsx/action-steps.ts";
import { todayIn } from "../../server/config.ts";
import { AppError } from "../../server/errors.ts";
import { errorResponses } from "../../server/schema.ts";
import { requireActor } from "../accounts/accounts.routes.ts";
import { recordAudit } from "../audit/audit.service.ts";
import { calendarFeedStatus, calendarForToken, createCalendarFeed } from "./calendar.service.ts";
import { importActionSteps } from "./plan-import.service.ts";
import { PlanDocument, PlanParams } from "./plans.schema.ts";
import { loadPlanDocument, type PlansDeps } from "./plans.service.ts";

const FORMATS = {
  docx: {
    type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    render: renderPlanDocx,
  },
  pdf: { type: "application/pdf", render: renderPlanPdf },
  xlsx: {
    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    render: renderActionStepsXlsx,
  },
  csv: {
    type: "text/csv; charset=utf-8",
    render: async (...args: Parameters<typeof renderActionStepsCsv>) => renderActionStepsCsv(...args),
  },
} as const;

/** A file name from the plan title: letters, digits and dashes only. */
export function fileNameFor(title: string, format: string, suffix = ""): string {
  const base =
    title
      .normalize("NFKD")
      .replace(/[^\w\s-]/g, "")
      .trim()
      .replace(/\s+/g, "-")
      .slice(0, 80) || "plan";
  return `${base}${suffix}.${format}`;
}

export const planExportsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = (): PlansDeps => ({
    db: app.database.db,
    templates: app.templates,
    today: () => todayIn(app.config.timeZone),
  });

  app.get(
    "/plans/:id/export",
    {
      schema: {
        operationId: "exportPlan",
        summary:
          "The plan as Word or PDF laid out like the original document, or its action steps as Excel or CSV.",
        tags: ["plans"],
        params: PlanParams,
        querystring: Type.Object(
          {
            format: Type.Enum(["docx", "pdf", "xlsx", "csv"]),
            locale: Type.Optional(Type.Enum(["en", "es"])),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.String({ description: "the file" }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const doc = await loadPlanDocument(deps(), actor, request.params.id);
      const format = FORMATS[request.query.format];
      const locale = request.query.locale ?? actor.locale;
      const body = await format.render(doc, locale);
      await recordAudit(app.database.db, request.auditContext(), {
        action: "plan.export",
        outcome: "success",
        resourceType: "plan",
        resourceId: doc.id,
        organizationId: doc.organizationId,
        metadata: { format: request.query.format, locale },
      });
      const suffix = request.query.format === "xlsx" || request.query.format === "csv" ? "-action-steps" : "";
      return reply
        .type(format.type)
        .header(
          "content-disposition",
          `attachment; filename="${fileNameFor(doc.title, request.query.format, suffix)}"`,
        )
        .serializer((payload: unknown) => payload as string)
        .send(body);
    },
  );

  app.post(
    "/plans/:id/import",
    {
      bodyLimit: 5 * 1024 * 1024,
      schema: {
        operationId: "importActionSteps",
        summary:
          "Add action steps from CSV (text/csv; the columns of the CSV export). All rows or none: errors come back per line and column.",
        tags: ["plans"],
        params: PlanParams,
        response: {
          200: Type.Object({ imported: Type.Integer(), plan: PlanDocument }),
          ...errorResponses,
          415: Type.Ref("ErrorResponse"),
        },
      },
    },
    async (request) => {
      if (
        !String(request.headers["content-type"] ?? "").startsWith("text/csv") ||
        !Buffer.isBuffer(request.body)
      ) {
        throw new AppError("request.unsupported_media_type", "Send the action steps as text/csv.");
      }
      return importActionSteps(
        deps(),
        requireActor(request),
        request.params.id,
        request.body.toString("utf8"),
        request.auditContext(),
      );
    },
  );

  app.get(
    "/calendar-feed",
    {
      schema: {
        operationId: "getCalendarFeed",
        summary:
          "Whether you have a calendar feed of your due dates (its secret URL is shown only when created).",
        tags: ["plans"],
        response: {
          200: Type.Object({ exists: Type.Boolean(), createdAt: Type.Union([Type.String(), Type.Null()]) }),
          ...errorResponses,
        },
      },
    },
    async (request) => calendarFeedStatus(app.database.db, requireActor(request)),
  );

  app.post(
    "/calendar-feed",
    {
      schema: {
        operationId: "createCalendarFeed",
        summary: "Create (or replace) your secret iCalendar feed URL of your action steps' due dates.",
        tags: ["plans"],
        response: { 200: Type.Object({ url: Type.String() }), ...errorResponses },
      },
    },
    async (request) =>
      createCalendarFeed(
        app.database.db,
        requireActor(request),
        app.config.publicUrl,
        request.auditContext(),
      ),
  );
};

/** The feed itself lives outside /api: calendar programs fetch it with the secret in the URL, no cookie. */
export const calendarFeedRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/calendar/:token",
    {
      config: { public: true, rateLimit: { max: 60, timeWindow: "1 minute" } },
      schema: {
        hide: true,
        params: Type.Object({ token: Type.String({ pattern: "^[A-Za-z0-9_-]{20,100}\\.ics$" }) }),
      },
    },
    async (request, reply) => {
      const token = request.params.token.replace(/\.ics$/, "");
      const body = await calendarForToken(
        app.database.db,
        token,
        app.config.publicUrl,
        todayIn(app.config.timeZone),
      );
      if (body === null) return reply.code(404).type("text/plain").send("Unknown calendar feed.");
      return reply
        .type("text/calendar; charset=utf-8")
        .header("cache-control", "private, max-age=300")
        .send(body);
    },
  );
};
