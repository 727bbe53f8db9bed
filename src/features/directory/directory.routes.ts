import { PassThrough } from "node:stream";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import type { HsdsTableName } from "../../db/schema/index.ts";
import { authorize } from "../../server/authorization.ts";
import { AppError } from "../../server/errors.ts";
import { errorResponses, Uuid } from "../../server/schema.ts";
import { requireActor } from "../accounts/accounts.routes.ts";
import { type HsdsInput, type ImportSummary, importHsds } from "./directory.import.ts";
import { exportHsds, getService, listTermsInUse, searchServices } from "./directory.service.ts";
import { RESOURCES } from "./hsds.schemas.ts";

const tags = ["directory"];
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const ServiceSummary = Type.Object({
  id: Uuid,
  name: Type.String(),
  description: Type.String(),
  status: Type.String(),
  url: Nullable(Type.String()),
  email: Nullable(Type.String()),
  organization: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  phones: Type.Array(Type.Object({ number: Type.String(), extension: Nullable(Type.String()) })),
  languages: Type.Array(Type.String()),
  taxonomyTerms: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  locations: Type.Array(
    Type.Object({
      serviceAtLocationId: Type.String(),
      locationId: Nullable(Type.String()),
      name: Nullable(Type.String()),
      address: Nullable(Type.String()),
      postalCode: Nullable(Type.String()),
      latitude: Nullable(Type.Number()),
      longitude: Nullable(Type.Number()),
      distanceKm: Nullable(Type.Number()),
    }),
  ),
  openNow: Nullable(Type.Boolean()),
  hours: Type.Array(Type.String()),
});

const Problem = Type.Object({
  file: Type.String(),
  row: Type.String(),
  field: Type.String(),
  message: Type.String(),
});
const TableSummary = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
});
const ImportResult = Type.Object({
  importId: Uuid,
  mode: Type.Enum(["all_or_nothing", "valid_only"]),
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  rejected: Type.Integer(),
  tables: Type.Record(Type.String(), TableSummary),
  problems: Type.Array(Problem),
  warnings: Type.Array(Problem),
});

function inputOf(
  contentType: string,
  body: unknown,
  fileName: string | undefined,
  type: HsdsTableName | undefined,
): HsdsInput {
  if (contentType.startsWith("application/json")) {
    return { kind: "json", fileName: fileName ?? "upload.json", content: JSON.stringify(body), type };
  }
  if (
    Buffer.isBuffer(body) &&
    (contentType.startsWith("application/zip") || contentType.startsWith("application/x-zip"))
  ) {
    return { kind: "zip", fileName: fileName ?? "datapackage.zip", content: body };
  }
  if (Buffer.isBuffer(body) && contentType.startsWith("text/csv")) {
    const name = fileName ?? "";
    if (!RESOURCES.some((r) => r.path === name)) {
      throw new AppError(
        "validation.failed",
        "Name the CSV file of the HSDS table (?fileName=services.csv).",
        [
          {
            field: "/querystring/fileName",
            message: `must be one of ${RESOURCES.map((r) => r.path).join(", ")}`,
          },
        ],
      );
    }
    return { kind: "package", files: new Map([[name, body]]) };
  }
  throw new AppError(
    "request.unsupported_media_type",
    "Send HSDS JSON (application/json), a zipped data package (application/zip) or one table's CSV (text/csv).",
  );
}

export const directoryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addContentTypeParser(
    ["application/zip", "application/x-zip-compressed"],
    { parseAs: "buffer" },
    (_r, body, done) => done(null, body),
  );
  const timeZone = () => app.config.timeZone;

  app.get(
    "/directory/services",
    {
      schema: {
        operationId: "searchServices",
        summary:
          "Find services: full-text q, taxonomy term, language, distance (lat/lng or a directory location) and open now.",
        tags,
        querystring: Type.Object(
          {
            q: Type.Optional(Type.String({ maxLength: 200 })),
            taxonomyTermId: Type.Optional(Uuid),
            language: Type.Optional(Type.String({ minLength: 2, maxLength: 40 })),
            lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
            lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
            nearLocationId: Type.Optional(Uuid),
            radiusKm: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 500 })),
            openNow: Type.Optional(Type.Boolean()),
            page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
            perPage: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            total_items: Type.Integer(),
            total_pages: Type.Integer(),
            page_number: Type.Integer(),
            size: Type.Integer(),
            first_page: Type.Boolean(),
            last_page: Type.Boolean(),
            empty: Type.Boolean(),
            contents: Type.Array(ServiceSummary),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const q = request.query;
      return searchServices(
        app.database.db,
        requireActor(request),
        { ...q, page: q.page ?? 1, perPage: q.perPage ?? 20 },
        timeZone(),
      );
    },
  );

  app.get(
    "/directory/services/:id",
    {
      schema: {
        operationId: "getService",
        summary: "A service: what search shows plus the fully nested HSDS service.",
        tags,
        params: Type.Object({ id: Uuid }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            summary: ServiceSummary,
            hsds: Type.Object(
              {},
              { additionalProperties: true, description: "HSDS 3.0 service (schema/service.json)" },
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => getService(app.database.db, requireActor(request), request.params.id, timeZone()),
  );

  app.get(
    "/directory/taxonomy-terms",
    {
      schema: {
        operationId: "listDirectoryTaxonomyTerms",
        summary:
          "Taxonomy terms that categorize at least one service, with how many (the search filter's choices).",
        tags,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                name: Type.String(),
                code: Nullable(Type.String()),
                services: Type.Integer(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => ({ items: await listTermsInUse(app.database.db, requireActor(request)) }),
  );

  app.post(
    "/directory/import",
    {
      bodyLimit: 100 * 1024 * 1024,
      schema: {
        operationId: "importHsds",
        summary:
          "Import HSDS 3.0: JSON (an object, a list page or tabular JSON), a zipped tabular data package (datapackage.json + CSVs) or one table's CSV. All or nothing unless mode=valid_only. Records are matched by id; the answer counts created, updated and unchanged records per table. With Accept: application/x-ndjson the answer streams progress lines, then {result} or {error}.",
        tags,
        querystring: Type.Object(
          {
            mode: Type.Optional(Type.Enum(["all_or_nothing", "valid_only"], { default: "all_or_nothing" })),
            fileName: Type.Optional(Type.String({ maxLength: 200 })),
            type: Type.Optional(Type.Enum(RESOURCES.map((r) => r.name))),
          },
          { additionalProperties: false },
        ),
        response: {
          200: ImportResult,
          ...errorResponses,
          413: Type.Ref("ErrorResponse"),
          415: Type.Ref("ErrorResponse"),
        },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      // Refuse before reading anything (and before a progress stream starts answering 200).
      authorize(actor, "directory.import", {
        type: "hsds_directory",
        organizationId: actor.activeOrganizationId,
      });
      const q = request.query;
      const input = inputOf(String(request.headers["content-type"] ?? ""), request.body, q.fileName, q.type);
      const options = { mode: q.mode ?? ("all_or_nothing" as const), audit: request.auditContext() };
      if (!String(request.headers.accept ?? "").includes("application/x-ndjson")) {
        return importHsds(app.database.db, actor, input, options);
      }
      const stream = new PassThrough();
      const line = (value: unknown) => stream.write(`${JSON.stringify(value)}\n`);
      importHsds(app.database.db, actor, input, { ...options, onProgress: (progress) => line({ progress }) })
        .then((result: ImportSummary) => line({ result }))
        .catch((error: unknown) => {
          if (!(error instanceof AppError)) request.log.error({ err: error }, "HSDS import failed");
          line({
            error:
              error instanceof AppError
                ? { code: error.code, message: error.message, details: error.details }
                : { code: "internal", message: `Import failed (request ${request.id}).`, details: [] },
          });
        })
        .finally(() => stream.end());
      return reply.type("application/x-ndjson").send(stream);
    },
  );

  app.get(
    "/directory/export",
    {
      schema: {
        operationId: "exportHsds",
        summary:
          "The whole directory as HSDS 3.0: format=json (tabular JSON, one array per table) or format=datapackage (zip of datapackage.json and the CSVs).",
        tags,
        querystring: Type.Object(
          { format: Type.Optional(Type.Enum(["json", "datapackage"], { default: "json" })) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({}, { additionalProperties: true, description: "HSDS tabular JSON, or a zip" }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const format = request.query.format ?? "json";
      const result = await exportHsds(app.database.db, requireActor(request), format, request.auditContext());
      const date = new Date().toISOString().slice(0, 10);
      if (result.kind === "zip") {
        return reply
          .type("application/zip")
          .header("content-disposition", `attachment; filename="hsds-directory-${date}.zip"`)
          .send(result.body);
      }
      return reply
        .header("content-disposition", `attachment; filename="hsds-directory-${date}.json"`)
        .type("application/json")
        .send(JSON.stringify(result.body));
    },
  );
};
