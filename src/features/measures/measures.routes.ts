import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { todayIn } from "../../server/config.ts";
import { AppError } from "../../server/errors.ts";
import { errorResponses, Uuid } from "../../server/schema.ts";
import { requireActor } from "../accounts/accounts.routes.ts";
import {
  componentsByMeasure,
  countyMeasureSummary,
  countyOfActor,
  importPerformance,
  listCurrentMeasures,
  measureSeries,
  OBSERVED_VALUES_CAVEAT,
  setNeedsImprovement,
  updateMeasure,
} from "./measures.service.ts";

const tags = ["measures"];
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const Measure = Type.Object({
  id: Uuid,
  code: Type.String(),
  name: Type.String(),
  kind: Type.Enum(["federal", "state", "systemic_factor"]),
  unit: Nullable(Type.String()),
  better: Nullable(Type.Enum(["lower", "higher"])),
  nationalPerformance: Nullable(Type.Number()),
  safety: Type.Boolean(),
  referenceVersion: Type.String(),
  effectiveFrom: Type.String(),
  effectiveTo: Nullable(Type.String()),
  version: Type.Integer({ minimum: 1, description: "send it back with a correction (409 when stale)" }),
});
const NeedsImprovement = Type.Object({
  computed: Nullable(Type.Boolean()),
  override: Nullable(
    Type.Object({ needsImprovement: Type.Boolean(), reason: Type.String(), setAt: Type.String() }),
  ),
  effective: Type.Boolean(),
});
const Series = Type.Object({
  county: Type.String(),
  measure: Measure,
  needsImprovement: NeedsImprovement,
  caveat: Type.String(),
  points: Type.Array(
    Type.Object({
      periodEnd: Type.String(),
      periodLabel: Type.String(),
      value: Nullable(Type.Number()),
      numerator: Nullable(Type.Number()),
      denominator: Nullable(Type.Number()),
      masked: Type.Boolean(),
    }),
  ),
});
const CountyQuery = Type.Object(
  { county: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })) },
  { additionalProperties: false },
);
const CodeParams = Type.Object(
  { code: Type.String({ minLength: 1, maxLength: 20 }) },
  { additionalProperties: false },
);

export const measuresRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const today = () => todayIn(app.config.timeZone);
  /** County data is published aggregate data: any signed-in user may read any county's. */
  const countyFor = async (actor: ReturnType<typeof requireActor>, requested: string | undefined) => {
    const county = requested ?? (await countyOfActor(app.database.db, actor));
    if (!county)
      throw new AppError("validation.failed", "Name a county (?county=…).", [
        { field: "/querystring/county", message: "is required" },
      ]);
    return county;
  };

  app.get(
    "/measures",
    {
      schema: {
        operationId: "listMeasures",
        summary:
          "Outcome measures and systemic factors in effect; with ?county= (default: your county) the latest value and needs-improvement flag of each.",
        tags,
        querystring: CountyQuery,
        response: {
          200: Type.Object({
            county: Nullable(Type.String()),
            caveat: Type.String(),
            items: Type.Array(
              Type.Object({
                measure: Measure,
                latest: Nullable(
                  Type.Object({
                    periodEnd: Type.String(),
                    periodLabel: Type.String(),
                    value: Nullable(Type.Number()),
                    masked: Type.Boolean(),
                  }),
                ),
                needsImprovement: Nullable(NeedsImprovement),
                /** Your organization's SIP components that answer this measure. */
                components: Type.Array(
                  Type.Object({ planId: Uuid, planTitle: Type.String(), itemId: Uuid, title: Type.String() }),
                ),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const county = request.query.county ?? (await countyOfActor(app.database.db, actor));
      const components = await componentsByMeasure(app.database.db, actor);
      const answering = (code: string) => components.get(code.toUpperCase()) ?? [];
      if (!county) {
        const items = (await listCurrentMeasures(app.database.db, today())).map((measure) => ({
          measure,
          latest: null,
          needsImprovement: null,
          components: answering(measure.code),
        }));
        return { county: null, caveat: OBSERVED_VALUES_CAVEAT, items };
      }
      const summary = await countyMeasureSummary(app.database.db, county, today());
      return {
        county,
        caveat: OBSERVED_VALUES_CAVEAT,
        items: summary.map((item) => ({ ...item, components: answering(item.measure.code) })),
      };
    },
  );

  app.get(
    "/measures/:code/series",
    {
      schema: {
        operationId: "getMeasureSeries",
        summary: "A county's performance on one measure over time, with national performance and the caveat.",
        tags,
        params: CodeParams,
        querystring: CountyQuery,
        response: { 200: Series, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return measureSeries(
        app.database.db,
        await countyFor(actor, request.query.county),
        request.params.code,
        today(),
      );
    },
  );

  app.patch(
    "/measures/:id",
    {
      schema: {
        operationId: "updateMeasure",
        summary: "Correct a measure's reference data (state agency administrators).",
        tags,
        params: Type.Object({ id: Uuid }, { additionalProperties: false }),
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
            unit: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
            better: Type.Optional(Nullable(Type.Enum(["lower", "higher"]))),
            nationalPerformance: Type.Optional(Nullable(Type.Number())),
            safety: Type.Optional(Type.Boolean()),
            version: Type.Integer({ minimum: 1, description: "the version the correction was made on" }),
          },
          { additionalProperties: false, minProperties: 2 },
        ),
        response: { 200: Measure, ...errorResponses },
      },
    },
    async (request) => {
      const updated = await updateMeasure(
        app.database.db,
        requireActor(request),
        request.params.id,
        request.body as never,
        request.auditContext(),
      );
      if (!updated) throw new AppError("resource.not_found", "Measure not found.");
      return updated;
    },
  );

  app.post(
    "/measures/performance/import",
    {
      bodyLimit: 10 * 1024 * 1024,
      schema: {
        operationId: "importPerformance",
        summary:
          "Import county performance from CSV (text/csv) or XLSX: columns measure_code, county, period, numerator, denominator, value. All rows or none; masked values stay masked.",
        tags,
        querystring: Type.Object(
          { fileName: Type.Optional(Type.String({ maxLength: 200 })) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ importId: Uuid, rows: Type.Integer() }),
          ...errorResponses,
          415: Type.Ref("ErrorResponse"),
        },
      },
    },
    async (request) => {
      const type = String(request.headers["content-type"] ?? "");
      const format = type.startsWith("text/csv") ? "csv" : type.includes("spreadsheetml") ? "xlsx" : null;
      if (!format || !Buffer.isBuffer(request.body)) {
        throw new AppError(
          "request.unsupported_media_type",
          "Send the file as text/csv or as an .xlsx workbook.",
        );
      }
      return importPerformance(
        app.database.db,
        requireActor(request),
        { name: request.query.fileName ?? `performance.${format}`, format, content: request.body },
        request.auditContext(),
      );
    },
  );

  app.put(
    "/measures/:code/needs-improvement",
    {
      schema: {
        operationId: "setNeedsImprovement",
        summary:
          "Record your county's own judgment (from the self-assessment) that a measure does or does not need improvement, with the reason.",
        tags,
        params: CodeParams,
        body: Type.Object(
          { needsImprovement: Type.Boolean(), reason: Type.String({ minLength: 3, maxLength: 2000 }) },
          { additionalProperties: false },
        ),
        response: { 200: Series, ...errorResponses },
      },
    },
    async (request) =>
      setNeedsImprovement(
        app.database.db,
        requireActor(request),
        request.params.code,
        request.body,
        request.auditContext(),
      ),
  );
};
