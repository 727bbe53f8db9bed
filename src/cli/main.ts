import { parseArgs } from "node:util";
import { openDatabase } from "../db/client.ts";
import {
  memberships,
  ORGANIZATION_TYPES,
  type OrganizationType,
  organizations,
  users,
} from "../db/schema/index.ts";
import { hashPassword } from "../features/accounts/passwords.ts";
import { recordAudit, verifyAuditChain } from "../features/audit/audit.service.ts";
import { DIRECTORY_USAGE, directoryCommand } from "../features/directory/directory.cli.ts";
import { loadConfig } from "../server/config.ts";
import { randomToken } from "../server/tokens.ts";
import { backup, restore } from "./backup.ts";
import { isDatabaseEmpty, seedDemo, truncateAll } from "./demo.ts";

const USAGE = `trellis <command>

  migrate                 apply pending database migrations
  demo [--reset]          create the demo organizations and users (--reset empties the database first)
  create-admin --email E --name N --organization "Org name" [--type county_child_welfare] [--jurisdiction "Any County"] [--state CA]
                          create an organization admin (password from TRELLIS_ADMIN_PASSWORD, else generated and printed)
  verify-audit            check the audit log's hash chain; exits 1 at the first broken link
  retention [--apply] [--date D]
                          preview what each organization's retention rules reach (dry run); --apply applies the enabled rules
  reminders [--date D]    send today's (or date D's) digests of overdue and due-soon action steps and SIP annual update reminders, once per day
  backup <file>           write all data to a file (JSON lines)
  restore <file>          replace all data with a backup's
${DIRECTORY_USAGE}

Engine: PGlite in TRELLIS_DATA_DIR (default ./data), or PostgreSQL when DATABASE_URL is set.
Stop the server before using the CLI on the embedded database: PGlite allows one process at a time.`;

const progress = (msg: string) => process.stderr.write(`  ${msg}\n`);

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help") {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    switch (command) {
      case "migrate":
        console.log(`migrations applied (${database.engine})`);
        return 0;
      case "demo": {
        const { values } = parseArgs({ args: rest, options: { reset: { type: "boolean" } } });
        if (values.reset) await truncateAll(database.db);
        else if (!(await isDatabaseEmpty(database.db))) {
          console.error("The database already has users; use `trellis demo --reset` to start over.");
          return 1;
        }
        await seedDemo(database.db, {
          password: config.demoPassword,
          onProgress: progress,
          timeZone: config.timeZone,
        });
        console.log(`demo data created; password for every demo user: ${config.demoPassword}`);
        return 0;
      }
      case "create-admin": {
        const { values } = parseArgs({
          args: rest,
          options: {
            email: { type: "string" },
            name: { type: "string" },
            organization: { type: "string" },
            type: { type: "string", default: "county_child_welfare" },
            jurisdiction: { type: "string", default: "" },
            "jurisdiction-kind": { type: "string", default: "county" },
            state: { type: "string" },
          },
        });
        if (!values.email || !values.name || !values.organization) {
          console.error("create-admin needs --email, --name and --organization");
          return 2;
        }
        if (!ORGANIZATION_TYPES.includes(values.type as OrganizationType)) {
          console.error(`--type must be one of: ${ORGANIZATION_TYPES.join(", ")}`);
          return 2;
        }
        if (values.state !== undefined && !/^[A-Z]{2}$/.test(values.state)) {
          console.error("--state must be a two-letter postal code, e.g. CA");
          return 2;
        }
        const password = process.env.TRELLIS_ADMIN_PASSWORD ?? randomToken(12);
        const passwordHash = await hashPassword(password);
        await database.db.transaction(async (tx) => {
          const [org] = await tx
            .insert(organizations)
            .values({
              name: values.organization as string,
              type: values.type as OrganizationType,
              jurisdictionKind: values["jurisdiction-kind"] as "county",
              jurisdictionName: values.jurisdiction || (values.organization as string),
              stateCode: values.state ?? null,
            })
            .onConflictDoNothing()
            .returning({ id: organizations.id });
          if (!org) throw new Error(`organization "${values.organization}" exists already`);
          const [user] = await tx
            .insert(users)
            .values({
              email: (values.email as string).toLowerCase(),
              name: values.name as string,
              passwordHash,
            })
            .returning({ id: users.id });
          if (!user) throw new Error("user insert returned nothing");
          await tx.insert(memberships).values({ organizationId: org.id, userId: user.id, role: "admin" });
          await recordAudit(
            tx,
            {
              actorUserId: null,
              actorEmail: "trellis cli",
              organizationId: org.id,
              requestId: null,
              ip: null,
            },
            {
              action: "cli.create_admin",
              outcome: "success",
              resourceType: "user",
              resourceId: user.id,
            },
          );
        });
        console.log(`admin ${values.email} created for ${values.organization}`);
        if (!process.env.TRELLIS_ADMIN_PASSWORD) console.log(`password: ${password}`);
        return 0;
      }
      case "verify-audit": {
        const result = await verifyAuditChain(database.db, (n) => progress(`${n} events checked`));
        if (result.ok) {
          console.log(`audit chain intact: ${result.checked} events`);
          return 0;
        }
        const broken = result.firstBroken;
        console.error(
          `audit chain BROKEN at event seq ${broken?.seq} (id ${broken?.id}): ${broken?.reason}; ${result.checked} events before it verified`,
        );
        return 1;
      }
      case "reminders": {
        const { values } = parseArgs({ args: rest, options: { date: { type: "string" } } });
        const { runDailyReminders } = await import("../features/plans/reminders.ts");
        const { createMailer } = await import("../server/mailer.ts");
        const { todayIn } = await import("../server/config.ts");
        const log = { info: () => {}, error: (o: unknown) => console.error(o) } as never;
        const { runAnnualUpdateReminders } = await import("../features/sip/sip.reminders.ts");
        const deps = {
          db: database.db,
          mailer: createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, log }),
          publicUrl: config.publicUrl,
        };
        const day = values.date ?? todayIn(config.timeZone);
        const result = await runDailyReminders(deps, day);
        console.log(result.ran ? `${result.digests} digests queued` : "reminders already ran for that day");
        const annual = await runAnnualUpdateReminders(deps, day);
        console.log(
          annual.ran
            ? `${annual.messages} SIP annual update reminders queued`
            : "SIP annual update reminders already ran for that day",
        );
        return 0;
      }
      case "retention": {
        const { values } = parseArgs({
          args: rest,
          options: { apply: { type: "boolean" }, date: { type: "string" } },
        });
        const { todayIn } = await import("../server/config.ts");
        const retention = await import("../features/privacy/retention.service.ts");
        if (values.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) {
          console.error("--date must be YYYY-MM-DD");
          return 2;
        }
        const day = values.date ?? todayIn(config.timeZone);
        const orgs = await database.db
          .select({ id: organizations.id, name: organizations.name })
          .from(organizations)
          .orderBy(organizations.name);
        const deps = { db: database.db, timeZone: config.timeZone };
        for (const [index, org] of orgs.entries()) {
          progress(`${index + 1}/${orgs.length} ${org.name}`);
          const preview = await retention.previewRetention(database.db, org.id, day, config.timeZone);
          const rules = preview.rules.map(
            (r) =>
              `${r.recordType} ${preview.counts[r.recordType]} (after ${r.afterMonths} months, ${r.enabled ? "enabled" : "disabled"})`,
          );
          console.log(`${org.name}: ${rules.join("; ")}`);
          if (values.apply && preview.rules.some((r) => r.enabled)) {
            const applied = await retention.applyRetention(
              deps,
              org.id,
              day,
              preview.previewId,
              retention.systemRetentionContext(org.id, "trellis cli"),
            );
            console.log(
              `  applied: ${Object.entries(applied.counts)
                .map(([k, n]) => `${k} ${n}`)
                .join(", ")}`,
            );
          }
        }
        if (!values.apply) console.log(`dry run as of ${day}; run with --apply to apply the enabled rules`);
        return 0;
      }
      case "backup":
      case "restore": {
        const file = rest[0];
        if (!file) {
          console.error(`usage: trellis ${command} <file>`);
          return 2;
        }
        try {
          if (command === "backup") {
            const r = await backup(database, file, progress);
            console.log(`backup written to ${file}: ${r.rows} rows in ${r.tables} tables`);
            return 0;
          }
          const r = await restore(database, file, progress);
          console.log(`restored ${r.rows} rows from ${file}`);
        } catch (error) {
          // A wrong, damaged or unreadable file: restore changed nothing (one transaction).
          console.error(`${command} failed: ${(error as Error).message}`);
          return 1;
        }
        const chain = await verifyAuditChain(database.db);
        if (!chain.ok) {
          console.error(`the restored audit chain is BROKEN at event seq ${chain.firstBroken?.seq}`);
          return 1;
        }
        console.log(`audit chain intact: ${chain.checked} events`);
        return 0;
      }
      case "import-hsds":
      case "export-hsds":
        return await directoryCommand(database, command, rest, progress);
      default:
        console.error(`unknown command "${command}"\n\n${USAGE}`);
        return 2;
    }
  } finally {
    await database.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
