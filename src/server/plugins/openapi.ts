import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Trellis API",
        version: "0.1.0",
        description:
          "Everything the Trellis web app does. Sign in with POST /api/session (cookie; send the csrfToken from getMe as the x-csrf-token header on writes) or use an API token as `Authorization: Bearer trl_…`.",
      },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: "trellis_session" },
          apiToken: { type: "http", scheme: "bearer" },
        },
      },
      security: [{ session: [] }, { apiToken: [] }],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs", staticCSP: true });
  app.get("/api/openapi.json", { schema: { hide: true }, config: { public: true } }, async () =>
    app.swagger(),
  );
}
