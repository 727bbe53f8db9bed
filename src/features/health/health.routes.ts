import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { currentMigration } from "../../db/client.ts";

const Health = Type.Object({
  status: Type.Literal("ok"),
  engine: Type.Union([Type.Literal("pglite"), Type.Literal("postgres")]),
  migrations: Type.Object({ applied: Type.Integer(), latest: Type.Union([Type.String(), Type.Null()]) }),
});

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/health",
    {
      config: { public: true },
      schema: {
        operationId: "getHealth",
        summary: "Liveness and readiness: the database answers and which migrations are applied.",
        tags: ["health"],
        response: { 200: Health },
      },
    },
    async () => ({
      status: "ok" as const,
      engine: app.database.engine,
      migrations: await currentMigration(app.database),
    }),
  );
};
