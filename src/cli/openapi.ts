import { writeFileSync } from "node:fs";
import { openDatabase } from "../db/client.ts";
import { buildApp } from "../server/app.ts";
import { loadConfig } from "../server/config.ts";

/** Writes the OpenAPI document to docs/openapi.json, where it is committed and diffed. */
const database = await openDatabase({ dataDir: "memory://" });
const app = await buildApp({ database, config: loadConfig({ webDist: undefined }), logger: false });
await app.ready();
const response = await app.inject({ method: "GET", url: "/api/openapi.json" });
writeFileSync("docs/openapi.json", `${JSON.stringify(response.json(), null, 2)}\n`);
await app.close();
await database.close();
console.log("docs/openapi.json written");
