import { isDatabaseEmpty, seedDemo } from "../cli/demo.ts";
import { openDatabase } from "../db/client.ts";
import { buildApp } from "./app.ts";
import { loadConfig } from "./config.ts";
import { startScheduler } from "./scheduler.ts";

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
const app = await buildApp({ database, config });

// The laptop experience: an empty embedded database gets demo data. Never on PostgreSQL unless asked.
if (database.engine === "pglite" && (await isDatabaseEmpty(database.db))) {
  app.log.info("empty embedded database: creating demo data");
  await seedDemo(database.db, { password: config.demoPassword });
  app.log.info("demo data created");
}

let stopScheduler: (() => void) | null = null;
let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, "shutting down: finishing requests in flight");
  try {
    stopScheduler?.();
    await app.close();
    await database.close();
  } finally {
    process.exit(0);
  }
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));

await app.listen({ port: config.port, host: config.host });
stopScheduler = startScheduler(app);
const url = `http://localhost:${config.port}`;
console.log(`\nTrellis is running at ${url}  (engine: ${database.engine})`);
if (database.engine === "pglite") {
  console.log(
    `Demo sign-ins (password "${config.demoPassword}"): admin@anycounty.example, planner@anycounty.example,`,
  );
  console.log("  caseworker@frc.example, calworks@westcounty.example, probation@anycounty.example,");
  console.log("  reviewer@state.example, ta@strongfoundations.example, privacy@anycounty.example\n");
}
