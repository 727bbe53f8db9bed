import type { Db } from "../../db/client.ts";
import { type HsdsRecord, type HsdsTableName, hsdsImports } from "../../db/schema/index.ts";
import { type Actor, authorize } from "../../server/authorization.ts";
import { AppError, type ErrorDetail } from "../../server/errors.ts";
import { type AuditContext, recordAudit } from "../audit/audit.service.ts";
import {
  findByIds,
  refreshSearchDocuments,
  servicesTouchedBy,
  upsertRecords,
} from "./directory.repository.ts";
import { flattenJsonDocument, type InputProblem, type SourcedRecord } from "./hsds.flatten.ts";
import { checkAgainst, RESOURCE_BY_NAME } from "./hsds.schemas.ts";
import { type PackageFiles, readDataPackage, unzipPackage } from "./hsds.tabular.ts";

export type ImportMode = "all_or_nothing" | "valid_only";

/** What an import brings: one JSON document, or the files of a tabular data package. */
export type HsdsInput =
  | { kind: "json"; fileName: string; content: Buffer | string; type?: HsdsTableName }
  | { kind: "package"; files: PackageFiles }
  | { kind: "zip"; fileName: string; content: Buffer }
  /** Several files imported as one (all or nothing across them). */
  | { kind: "many"; fileName: string; inputs: HsdsInput[] };

export interface ImportProgress {
  phase: "read" | "validate" | "write" | "index" | "done";
  done: number;
  total: number;
}

export interface TableSummary {
  created: number;
  updated: number;
  unchanged: number;
}

export interface ImportSummary {
  importId: string;
  mode: ImportMode;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  tables: Record<string, TableSummary>;
  /** Records left out in "valid_only" mode, and why. */
  problems: InputProblem[];
  /** Links to records that are not (yet) in the directory; imported anyway. */
  warnings: InputProblem[];
}

const MAX_DETAILS = 500;

/** Reads an input into flat records, with the problems found while reading. */
export async function readInput(
  input: HsdsInput,
): Promise<{ records: SourcedRecord[]; problems: InputProblem[] }> {
  if (input.kind === "package") return readDataPackage(input.files);
  if (input.kind === "many") {
    const parts = await Promise.all(input.inputs.map(readInput));
    return { records: parts.flatMap((p) => p.records), problems: parts.flatMap((p) => p.problems) };
  }
  if (input.kind === "zip") {
    let files: PackageFiles;
    try {
      files = await unzipPackage(input.content);
    } catch (error) {
      return {
        records: [],
        problems: [
          {
            file: input.fileName,
            row: "-",
            field: "-",
            message: `is not a zip file: ${(error as Error).message}`,
          },
        ],
      };
    }
    return readDataPackage(files);
  }
  let document: unknown;
  try {
    document = JSON.parse(typeof input.content === "string" ? input.content : input.content.toString("utf8"));
  } catch (error) {
    return {
      records: [],
      problems: [
        {
          file: input.fileName,
          row: "-",
          field: "-",
          message: `is not valid JSON: ${(error as Error).message}`,
        },
      ],
    };
  }
  return flattenJsonDocument(document, input.fileName, input.type);
}

const canonical = (value: unknown): string =>
  JSON.stringify(value, (_k, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );

interface Candidate {
  table: HsdsTableName;
  record: HsdsRecord;
  sources: SourcedRecord[];
  problems: InputProblem[];
}

/**
 * Merges the records of an input by table and id (a nested organization repeated in every service is one
 * organization), then checks each against the official schema of its table.
 */
export function validateRecords(records: SourcedRecord[]): Map<string, Candidate> {
  const byKey = new Map<string, Candidate>();
  for (const source of records) {
    const id = source.record.id;
    const where = { file: source.file, row: source.row };
    if (typeof id !== "string" || id === "") {
      const key = `${source.table}:?${source.file}:${source.row}`;
      byKey.set(key, {
        table: source.table,
        record: source.record,
        sources: [source],
        problems: [{ ...where, field: "id", message: "is required" }],
      });
      continue;
    }
    const key = `${source.table}:${id.toLowerCase()}`;
    const existing = byKey.get(key);
    if (existing) {
      // The same object nested in several places (an organization in every service) is one record.
      Object.assign(existing.record, source.record);
      existing.sources.push(source);
    } else {
      byKey.set(key, { table: source.table, record: { ...source.record }, sources: [source], problems: [] });
    }
  }
  for (const candidate of byKey.values()) {
    const first = candidate.sources[0];
    if (!first || candidate.problems.length > 0) continue;
    for (const p of checkAgainst(`${candidate.table}.json`, candidate.record)) {
      candidate.problems.push({
        file: first.file,
        row: first.row,
        field: p.field.replace(/^\//, "") || "-",
        message: p.message,
      });
    }
  }
  return byKey;
}

/**
 * Finds records that point at a record neither the input nor the directory has. These are warnings, not
 * errors: HSDS data often arrive in parts (a page of services before their organizations), and the official
 * examples themselves point at records they do not include.
 */
async function checkLinks(db: Db, candidates: Map<string, Candidate>): Promise<InputProblem[]> {
  const warnings: InputProblem[] = [];
  const known = new Map<HsdsTableName, Set<string>>();
  const inDirectory = new Map<HsdsTableName, Set<string>>();
  const wanted = new Map<HsdsTableName, Set<string>>();
  for (const c of candidates.values()) {
    for (const fk of RESOURCE_BY_NAME.get(c.table)?.foreignKeys ?? []) {
      const value = c.record[fk.field];
      if (typeof value !== "string" || !value) continue;
      if (!wanted.has(fk.resource)) wanted.set(fk.resource, new Set());
      wanted.get(fk.resource)?.add(value.toLowerCase());
    }
  }
  for (const [table, ids] of wanted) {
    const found = await findByIds(
      db,
      table,
      [...ids].filter((id) => /^[0-9a-f-]{36}$/.test(id)),
    );
    inDirectory.set(table, new Set(found.map((f) => f.id.toLowerCase())));
  }
  for (const c of candidates.values()) {
    if (c.problems.length > 0 || typeof c.record.id !== "string") continue;
    if (!known.has(c.table)) known.set(c.table, new Set());
    known.get(c.table)?.add(c.record.id.toLowerCase());
  }
  for (const c of candidates.values()) {
    if (c.problems.length > 0) continue;
    for (const fk of RESOURCE_BY_NAME.get(c.table)?.foreignKeys ?? []) {
      const value = c.record[fk.field];
      if (typeof value !== "string" || !value) continue;
      const id = value.toLowerCase();
      if (known.get(fk.resource)?.has(id) || inDirectory.get(fk.resource)?.has(id)) continue;
      const first = c.sources[0];
      warnings.push({
        file: first?.file ?? "-",
        row: first?.row ?? "-",
        field: fk.field,
        message: `points at ${fk.resource} ${value}, which is neither in this import nor in the directory`,
      });
    }
  }
  return warnings;
}

export function problemDetails(problems: InputProblem[]): ErrorDetail[] {
  return problems.slice(0, MAX_DETAILS).map((p) => ({
    field: `${p.file}: ${/^\d+$/.test(p.row) ? `line ${p.row}` : p.row}: ${p.field}`,
    message: p.message,
    file: p.file,
    row: p.row,
    column: p.field,
  }));
}

/**
 * Imports HSDS data into the directory of the actor's active organization (the steward of what it imports).
 * All or nothing by default; in "valid_only" mode invalid records (and those that depend on them) are left
 * out and listed. Records are matched by id: a re-import updates what changed and counts what did not.
 */
export async function importHsds(
  db: Db,
  actor: Actor,
  input: HsdsInput,
  options: { mode: ImportMode; audit: AuditContext; onProgress?: (p: ImportProgress) => void },
): Promise<ImportSummary> {
  const stewardId = actor.activeOrganizationId;
  authorize(actor, "directory.import", { type: "hsds_directory", organizationId: stewardId });
  if (!stewardId) throw new AppError("organization.not_member", "Choose an organization first.");
  const progress = options.onProgress ?? (() => {});
  const fileName = input.kind === "package" ? "datapackage" : input.fileName;

  progress({ phase: "read", done: 0, total: 1 });
  const read = await readInput(input);
  progress({ phase: "read", done: 1, total: 1 });
  const candidates = validateRecords(read.records);
  progress({ phase: "validate", done: 0, total: candidates.size });
  const warnings = await checkLinks(db, candidates);

  // Records another organization maintains are not ours to replace.
  const byTable = new Map<HsdsTableName, Candidate[]>();
  for (const c of candidates.values()) {
    if (c.problems.length > 0) continue;
    if (!byTable.has(c.table)) byTable.set(c.table, []);
    byTable.get(c.table)?.push(c);
  }
  const existing = new Map<string, { steward: string; record: HsdsRecord }>();
  for (const [table, list] of byTable) {
    for (const row of await findByIds(
      db,
      table,
      list.map((c) => c.record.id as string),
    )) {
      existing.set(`${table}:${row.id.toLowerCase()}`, {
        steward: row.steward_organization_id,
        record: row.record,
      });
    }
    for (const c of list) {
      const stored = existing.get(`${table}:${String(c.record.id).toLowerCase()}`);
      if (stored && stored.steward !== stewardId) {
        const first = c.sources[0];
        c.problems.push({
          file: first?.file ?? "-",
          row: first?.row ?? "-",
          field: "id",
          message: `the ${table} ${c.record.id} is maintained by another organization`,
        });
      }
    }
  }
  const problems = [...read.problems, ...[...candidates.values()].flatMap((c) => c.problems)];
  progress({ phase: "validate", done: candidates.size, total: candidates.size });
  const valid = [...candidates.values()].filter((c) => c.problems.length === 0);
  if (problems.length > 0 && (options.mode === "all_or_nothing" || valid.length === 0)) {
    throw new AppError(
      "validation.failed",
      `Nothing was imported: ${problems.length} problem(s) in ${fileName}${problems.length > MAX_DETAILS ? ` (the first ${MAX_DETAILS} are listed)` : ""}.`,
      problemDetails(problems),
    );
  }

  const tables: Record<string, TableSummary> = {};
  const toWrite = new Map<HsdsTableName, HsdsRecord[]>();
  for (const c of valid) {
    const summary = tables[c.table] ?? { created: 0, updated: 0, unchanged: 0 };
    tables[c.table] = summary;
    const stored = existing.get(`${c.table}:${String(c.record.id).toLowerCase()}`);
    if (!stored) summary.created++;
    else if (canonical(stored.record) === canonical(c.record)) {
      summary.unchanged++;
      continue;
    } else summary.updated++;
    if (!toWrite.has(c.table)) toWrite.set(c.table, []);
    toWrite.get(c.table)?.push(c.record);
  }
  const totals = Object.values(tables).reduce(
    (a, t) => ({
      created: a.created + t.created,
      updated: a.updated + t.updated,
      unchanged: a.unchanged + t.unchanged,
    }),
    { created: 0, updated: 0, unchanged: 0 },
  );
  const rejected = [...candidates.values()].length - valid.length;
  const writeTotal = [...toWrite.values()].reduce((n, l) => n + l.length, 0);

  return db.transaction(async (tx) => {
    let written = 0;
    progress({ phase: "write", done: 0, total: writeTotal });
    for (const [table, records] of toWrite) {
      await upsertRecords(tx, table, stewardId, records);
      written += records.length;
      progress({ phase: "write", done: written, total: writeTotal });
    }
    progress({ phase: "index", done: 0, total: 1 });
    if (writeTotal > 0) await refreshSearchDocuments(tx, await servicesTouchedBy(tx, toWrite));
    progress({ phase: "index", done: 1, total: 1 });
    const [record] = await tx
      .insert(hsdsImports)
      .values({
        steward_organization_id: stewardId,
        file_name: fileName,
        format: input.kind,
        mode: options.mode,
        ...totals,
        rejected,
        summary: { tables, problems: problems.length },
        imported_by: actor.userId,
      })
      .returning({ id: hsdsImports.id });
    if (!record) throw new Error("import insert returned nothing");
    await recordAudit(tx, options.audit, {
      action: "directory.import",
      outcome: "success",
      resourceType: "hsds_import",
      resourceId: record.id,
      organizationId: stewardId,
      metadata: { fileName, mode: options.mode, ...totals, rejected, warnings: warnings.length },
    });
    progress({ phase: "done", done: 1, total: 1 });
    return {
      importId: record.id,
      mode: options.mode,
      ...totals,
      rejected,
      tables,
      problems: problems.slice(0, MAX_DETAILS),
      warnings: warnings.slice(0, MAX_DETAILS),
    };
  });
}
