import { isDatabaseEmpty, seedDemo } from "../cli/demo.ts";
import { openDatabase } from "../db/client.ts";
import { buildApp } from "./app.ts";
import { loadConfig } from "./config.ts";
import { startScheduler } from "./scheduler.ts";

const config = loadConfig();
const database = await openDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  poolSize: config.databasePoolSize,
});
const app = await buildApp({ database, config });

// The laptop experience: an empty embedded database gets demo data. Never on PostgreSQL unless asked.
if (database.engine === "pglite" && (await isDatabaseEmpty(database.db))) {
  app.log.info("empty embedded database: creating demo data");
  await seedDemo(database.db, { password: config.demoPassword, timeZone: config.timeZone });
  app.log.info("demo data created");
}

let stopScheduler: (() => void) | null = null;
let closing = false;
// A request that never ends must not hold the process (and PGlite's data directory) forever.
const SHUTDOWN_TIMEOUT_MS = Number(process.env.TRELLIS_SHUTDOWN_TIMEOUT_MS) || 30_000;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  // Fastify's close stops accepting connections, closes idle keep-alive ones, answers 503 to requests that
  // arrive on open ones, and resolves once every request in flight has been answered.
  app.log.info({ signal }, "shutting down: finishing requests in flight");
  const deadline = setTimeout(() => {
    app.log.error({ timeoutMs: SHUTDOWN_TIMEOUT_MS }, "shutdown timed out: requests still in flight");
    process.exit(1);
  }, SHUTDOWN_TIMEOUT_MS);
  deadline.unref();
  let code = 0;
  try {
    stopScheduler?.();
    await app.close();
    await database.close();
  } catch (error) {
    app.log.error({ err: error }, "shutdown failed");
    code = 1;
  } finally {
    process.exit(code);
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
