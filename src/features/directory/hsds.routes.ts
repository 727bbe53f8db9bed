import { readFileSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyReply } from "fastify";
import { Type } from "typebox";
import { AppError } from "../../server/errors.ts";
import { errorResponses, Uuid } from "../../server/schema.ts";
import { sha256 } from "../../server/tokens.ts";
import { loadApiTokenActor } from "../accounts/accounts.repository.ts";
import type { ServiceFilters } from "./directory.queries.ts";
import { HSDS_DIR, HSDS_VERSION } from "./hsds.schemas.ts";
import {
  getFullService,
  getOrganization,
  getServiceAtLocation,
  getTaxonomy,
  getTaxonomyTerm,
  listOrganizations,
  listServiceAtLocations,
  listServices,
  listTaxonomies,
  listTaxonomyTerms,
  streamServices,
} from "./hsds.service.ts";

/**
 * The HSDS 3.0 read API (schema/openapi.json of the specification) under /hsds: published directory data,
 * open to anyone or only to API tokens (TRELLIS_HSDS_API=token), rate limited per IP. Objects are the
 * official HSDS shapes (validated against the official schemas in the tests), so they are declared here
 * as open objects that point at those schemas.
 */
const tags = ["hsds"];
const hsdsObject = (schema: string) =>
  Type.Object({}, { additionalProperties: true, description: `HSDS 3.0 object, see HSDS schema/${schema}` });
const pageOf = (schema: string) =>
  Type.Object({
    total_items: Type.Integer(),
    total_pages: Type.Integer(),
    page_number: Type.Integer(),
    size: Type.Integer(),
    first_page: Type.Boolean(),
    last_page: Type.Boolean(),
    empty: Type.Boolean(),
    contents: Type.Array(hsdsObject(schema)),
  });
const Paging = {
  page: Type.Optional(
    Type.Integer({ minimum: 1, default: 1, description: "Page number of paginated result." }),
  ),
  per_page: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 1000,
      default: 50,
      description: "Number of results in a single page.",
    }),
  ),
  format: Type.Optional(
    Type.Enum(["json", "ndjson"], {
      description: "ndjson streams every result, one per line, without paging.",
    }),
  ),
  search: Type.Optional(Type.String({ maxLength: 200, description: "Full text search." })),
};
const ServiceQuery = {
  ...Paging,
  taxonomy_term_id: Type.Optional(Uuid),
  taxonomy_id: Type.Optional(Uuid),
  organization_id: Type.Optional(Uuid),
  modified_after: Type.Optional(
    Type.String({ maxLength: 40, description: "Return results modified on or after this datetime." }),
  ),
  full: Type.Optional(Type.Boolean()),
};
const Id = Type.Object({ id: Uuid }, { additionalProperties: false });
const responses = (ok: ReturnType<typeof Type.Object>) => ({
  200: ok,
  ...errorResponses,
  429: Type.Ref("ErrorResponse"),
});

function paging(q: { page?: number; per_page?: number }) {
  return { page: q.page ?? 1, perPage: q.per_page ?? 50 };
}

function serviceFilters(q: {
  search?: string;
  taxonomy_term_id?: string;
  taxonomy_id?: string;
  organization_id?: string;
  modified_after?: string;
}): ServiceFilters {
  if (q.modified_after !== undefined && Number.isNaN(Date.parse(q.modified_after))) {
    throw new AppError("validation.failed", "modified_after must be a date or datetime.", [
      { field: "/querystring/modified_after", message: "must be a date or datetime (ISO 8601)" },
    ]);
  }
  return {
    search: q.search,
    taxonomyTermId: q.taxonomy_term_id,
    taxonomyId: q.taxonomy_id,
    organizationId: q.organization_id,
    modifiedAfter: q.modified_after,
  };
}

async function sendNdjson(reply: FastifyReply, items: AsyncGenerator<Record<string, unknown>>) {
  async function* lines() {
    for await (const item of items) yield `${JSON.stringify(item)}\n`;
  }
  return reply.type("application/x-ndjson").send(Readable.from(lines()));
}

export const hsdsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const config = app.config;
  const rateLimit = { max: config.hsdsRateLimitPerMinute, timeWindow: "1 minute" };
  const openapi = readFileSync(path.join(HSDS_DIR, "schema/openapi.json"), "utf8");

  // Token-only mode: every /hsds request needs `Authorization: Bearer trl_…` (refusals are audited).
  app.addHook("preHandler", async (request) => {
    if (config.hsdsApiAccess !== "token") return;
    const header = request.headers.authorization;
    const actor = header?.startsWith("Bearer ")
      ? await loadApiTokenActor(app.database.db, sha256(header.slice("Bearer ".length).trim()))
      : null;
    if (!actor)
      throw new AppError("auth.required", "This HSDS API needs an API token (Authorization: Bearer …).");
    request.actor = actor;
  });

  app.get(
    "/",
    {
      config: { public: true, rateLimit },
      schema: {
        operationId: "getAPIMetaInformation",
        summary: "HSDS API meta information: version, profile and the OpenAPI document.",
        tags,
        response: responses(
          Type.Object({ version: Type.String(), profile: Type.String(), openapi_url: Type.String() }),
        ),
      },
    },
    async () => ({
      version: HSDS_VERSION,
      profile: "https://docs.openreferral.org/en/v3.0/",
      openapi_url: `${config.publicUrl}/hsds/openapi.json`,
    }),
  );

  app.get(
    "/openapi.json",
    { schema: { hide: true }, config: { public: true, rateLimit } },
    async (_request, reply) => reply.type("application/json").send(openapi),
  );

  app.get(
    "/services",
    {
      config: { public: true, rateLimit },
      schema: {
        operationId: "getPaginatedListOfServices",
        summary: "Services, paged, filtered by text, taxonomy, organization and modification date.",
        tags,
        querystring: Type.Object(
          {
            ...ServiceQuery,
            minimal: Type.Optional(Type.Boolean({ description: "Only id, name, status and last_modified." })),
          },
          { additionalProperties: false },
        ),
        response: responses(pageOf("compiled/service_list.json")),
      },
    },
    async (request, reply) => {
      const q = request.query;
      const filters = serviceFilters(q);
      const shape = { minimal: q.minimal, full: q.full };
      if (q.format === "ndjson") return sendNdjson(reply, streamServices(app.database.db, filters, shape));
      return listServices(app.database.db, filters, paging(q), shape);
    },
  );

  app.get(
    "/services/:id",
    {
      config: { public: true, rateLimit },
      schema: {
        operationId: "getFullyNestedServiceById",
        summary: "A fully nested service.",
        tags,
        params: Id,
        response: responses(hsdsObject("service.json")),
      },
    },
    async (request) => getFullService(app.database.db, request.params.id),
  );

  app.get(
    "/organizations",
    {
      config: { public: true, rateLimit },
      schema: {
        operationId: "getPaginatedListOfOrganizations",
        summary: "Organizations, paged; full nests them, full_service adds their full services.",
        tags,
        querystring: Type.Object(
          { ...Paging, full: Type.Optional(Type.Boolean()), full_service: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: responses(pageOf("compiled/organization_list.json")),
      },
    },
    async (request, reply) => {
      const q = request.query;
      const options = { search: q.search, full: q.full, fullService: q.full_service };
      if (q.format === "ndjson") {
        const db = app.database.db;
        return sendNdjson(
          reply,
          (async function* () {
            for (let page = 1; ; page++) {
              const result = await listOrganizations(db, { page, perPage: 500 }, options);
              yield* result.contents;
              if (result.last_page) return;
            }
          })(),
        );
      }
      return listOrganizations(app.database.db, paging(q), options);
    },
  );

  app.get(
    "/organizations/:id",
    {
      config: { public: true, rateLimit },
      schema: {
        operationId: "getOrganizationById",
        summary: "A fully nested organization with its services (full services with full_service).",
        tags,
        params: Id,
        querystring: Type.Object(
          { full_service: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: responses(hsdsObject("organization.json")),
      },
    },
    async (request) =>
      getOrganization(app.database.db, request.params.id, request.query.full_service === true),
  );

  app.get(
    "/taxonomies",
    {
      config: { public: true, rateLimit },
      schema: {
        operationId: "getPaginatedListOfTaxonomies",
        summary: "Taxonomies, paged.",
        tags,
        querystring: Type.Object(Paging, { additionalProperties: false }),
        response: responses(pageOf("taxonomy.json")),
      },
    },
    async (request) => listTaxonomies(app.database.db, paging(request.query), request.query.search),
  );

  app.get(
    "/taxonomies/:id",
    {
      config: { public: true, rateLimit },
      schema: {
        operationId: "getTaxonomyById",
        summary: "A taxonomy.",
        tags,
        params: Id,
        response: responses(hsdsObject("taxonomy.json")),
      },
    },
    async (request) => getTaxonomy(app.database.db, request.params.id),
  );

  app.get(
    "/taxonomy_terms",
    {
      config: { public: true, rateLimit },
      schema: {
        // The specification's openapi.json swaps the operationIds of the two taxonomy term operations.
        operationId: "getPaginatedListOfTaxonomyTerms",
        summary: "Taxonomy terms, paged; by taxonomy, parent, or top-level only.",
        tags,
        querystring: Type.Object(
          {
            ...Paging,
            taxonomy_id: Type.Optional(Uuid),
            top_only: Type.Optional(Type.Boolean()),
            parent_id: Type.Optional(Uuid),
          },
          { additionalProperties: false },
        ),
        response: responses(pageOf("taxonomy_term.json")),
      },
    },
    async (request) => {
      const q = request.query;
      return listTaxonomyTerms(app.database.db, paging(q), {
        search: q.search,
        taxonomyId: q.taxonomy_id,
        topOnly: q.top_only,
        parentId: q.parent_id,
      });
    },
  );

  app.get(
    "/taxonomy_terms/:id",
    {
      config: { public: true, rateLimit },
      schema: {
        operationId: "getTaxonomyTermById",
        summary: "A taxonomy term.",
        tags,
        params: Id,
        response: responses(hsdsObject("taxonomy_term.json")),
      },
    },
    async (request) => getTaxonomyTerm(app.database.db, request.params.id),
  );

  app.get(
    "/service_at_locations",
    {
      config: { public: true, rateLimit },
      schema: {
        operationId: "getPaginatedListOfServiceAtLocation",
        summary:
          "Services at locations, paged; postcode and proximity (meters from the postcode's centroid).",
        tags,
        querystring: Type.Object(
          {
            ...ServiceQuery,
            postcode: Type.Optional(Type.String({ maxLength: 20 })),
            proximity: Type.Optional(Type.Number({ minimum: 0, maximum: 1_000_000 })),
          },
          { additionalProperties: false },
        ),
        response: responses(pageOf("compiled/service_at_location_list.json")),
      },
    },
    async (request, reply) => {
      const q = request.query;
      if (q.proximity !== undefined && !q.postcode) {
        throw new AppError("validation.failed", "proximity needs a postcode.", [
          { field: "/querystring/postcode", message: "is required with proximity" },
        ]);
      }
      const filters = { ...serviceFilters(q), postcode: q.postcode, proximityMeters: q.proximity };
      const db = app.database.db;
      if (q.format === "ndjson") {
        return sendNdjson(
          reply,
          (async function* () {
            for (let page = 1; ; page++) {
              const result = await listServiceAtLocations(
                db,
                filters,
                { page, perPage: 500 },
                q.full === true,
              );
              yield* result.contents;
              if (result.last_page) return;
            }
          })(),
        );
      }
      return listServiceAtLocations(db, filters, paging(q), q.full === true);
    },
  );

  app.get(
    "/service_at_locations/:id",
    {
      config: { public: true, rateLimit },
      schema: {
        operationId: "getServiceAtLocationWithNestedDataById",
        summary: "A service at a location, with its location and service nested.",
        tags,
        params: Id,
        response: responses(hsdsObject("service_at_location.json")),
      },
    },
    async (request) => getServiceAtLocation(app.database.db, request.params.id),
  );
};
