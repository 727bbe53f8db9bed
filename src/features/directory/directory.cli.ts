import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { memberships, organizations, users } from "../../db/schema/index.ts";
import type { Actor } from "../../server/authorization.ts";
import { AccessDeniedError, AppError } from "../../server/errors.ts";
import { recordAudit } from "../audit/audit.service.ts";
import { type HsdsInput, type ImportMode, importHsds } from "./directory.import.ts";
import { exportHsds } from "./directory.service.ts";

export const DIRECTORY_USAGE = `  import-hsds <path> --organization "Org" --user EMAIL [--mode valid_only]
                          import HSDS 3.0: a .json file, a zipped data package, or a folder with
                          datapackage.json and CSVs (the user must be a manager of the organization)
  export-hsds <path> --organization "Org" --user EMAIL
                          export the directory: <path>.zip is the CSV data package, else tabular JSON`;

/** The actor the CLI acts as: a real user, in one of their organizations (authorization still applies). */
async function cliActor(database: Database, organizationName: string, email: string): Promise<Actor> {
  const db = database.db;
  const [org] = await db
    .select()
    .from(organizations)
    .where(sql`lower(${organizations.name}) = lower(${organizationName})`);
  const [user] = await db.select().from(users).where(eq(users.email, email.toLowerCase()));
  if (!org) throw new Error(`no organization named "${organizationName}"`);
  if (!user) throw new Error(`no user ${email}`);
  const [membership] = await db
    .select()
    .from(memberships)
    .where(and(eq(memberships.organizationId, org.id), eq(memberships.userId, user.id)));
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    locale: "en",
    memberships: membership
      ? [
          {
            organizationId: org.id,
            organizationName: org.name,
            organizationType: org.type,
            role: membership.role,
            capabilities: [],
          },
        ]
      : [],
    activeOrganizationId: org.id,
    via: "session",
  };
}

function inputFrom(file: string): HsdsInput {
  if (statSync(file).isDirectory()) {
    const files = new Map(
      readdirSync(file)
        .filter((f) => f === "datapackage.json" || f.endsWith(".csv"))
        .map((f) => [f, readFileSync(path.join(file, f))]),
    );
    return { kind: "package", files };
  }
  if (file.endsWith(".zip"))
    return { kind: "zip", fileName: path.basename(file), content: readFileSync(file) };
  return { kind: "json", fileName: path.basename(file), content: readFileSync(file) };
}

export async function directoryCommand(
  database: Database,
  command: "import-hsds" | "export-hsds",
  args: string[],
  progress: (message: string) => void,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      organization: { type: "string" },
      user: { type: "string" },
      mode: { type: "string", default: "all_or_nothing" },
    },
  });
  const target = positionals[0];
  if (!target || !values.organization || !values.user) {
    console.error(`usage:\n${DIRECTORY_USAGE}`);
    return 2;
  }
  if (values.mode !== "all_or_nothing" && values.mode !== "valid_only") {
    console.error("--mode must be all_or_nothing or valid_only");
    return 2;
  }
  const actor = await cliActor(database, values.organization, values.user);
  const audit = {
    actorUserId: actor.userId,
    actorEmail: `${actor.email} (trellis cli)`,
    organizationId: actor.activeOrganizationId,
    requestId: null,
    ip: null,
  };
  try {
    if (command === "export-hsds") {
      const format = target.endsWith(".zip") ? "datapackage" : "json";
      const result = await exportHsds(database.db, actor, format, audit);
      writeFileSync(
        target,
        result.kind === "zip" ? result.body : `${JSON.stringify(result.body, null, 2)}\n`,
      );
      console.log(`directory exported to ${target}`);
      return 0;
    }
    let last = "";
    const summary = await importHsds(database.db, actor, inputFrom(target), {
      mode: values.mode as ImportMode,
      audit,
      onProgress: (p) => {
        const line = `${p.phase} ${p.done}/${p.total}`;
        if (line !== last) progress(line);
        last = line;
      },
    });
    for (const [table, t] of Object.entries(summary.tables)) {
      progress(`${table}: ${t.created} created, ${t.updated} updated, ${t.unchanged} unchanged`);
    }
    for (const p of [...summary.problems, ...summary.warnings].slice(0, 50)) {
      progress(`${p.file} ${p.row} ${p.field}: ${p.message}`);
    }
    console.log(
      `imported: ${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.rejected} rejected`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error instanceof AccessDeniedError) {
      // The server's error handler audits refusals; the CLI does the same.
      await recordAudit(database.db, audit, {
        action: error.action,
        outcome: "denied",
        resourceType: error.resourceType,
        organizationId: error.organizationId,
        metadata: { via: "trellis cli", command },
      });
    }
    console.error(error.message);
    for (const d of error.details.slice(0, 100)) console.error(`  ${d.field}: ${d.message}`);
    return 1;
  }
}
