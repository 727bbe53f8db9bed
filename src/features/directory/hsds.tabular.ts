import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import JSZip from "jszip";
import type { HsdsRecord, HsdsTableName } from "../../db/schema/index.ts";
import type { InputProblem, SourcedRecord } from "./hsds.flatten.ts";
import {
  DATAPACKAGE,
  RESOURCE_BY_NAME,
  RESOURCE_BY_PATH,
  RESOURCES,
  type TabularResource,
} from "./hsds.schemas.ts";

/** Files of a data package by name (datapackage.json and CSVs). */
export type PackageFiles = Map<string, Buffer>;

const baseName = (name: string) => name.split(/[\\/]/).pop() ?? name;

/** Reads the files of a zipped data package (folders inside the zip are ignored). */
export async function unzipPackage(content: Buffer): Promise<PackageFiles> {
  const zip = await JSZip.loadAsync(content);
  const files: PackageFiles = new Map();
  for (const entry of Object.values(zip.files)) {
    if (entry.dir || baseName(entry.name).startsWith(".") || entry.name.startsWith("__MACOSX")) continue;
    files.set(baseName(entry.name), await entry.async("nodebuffer"));
  }
  return files;
}

function convertCell(
  resource: TabularResource,
  column: string,
  raw: string,
): { value?: unknown; error?: string } {
  const field = resource.fields.find((f) => f.name === column);
  if (raw === "") return {};
  if (field?.type === "number" || field?.type === "integer") {
    const n = Number(raw);
    if (!Number.isFinite(n) || (field.type === "integer" && !Number.isInteger(n))) {
      return { error: `must be a${field.type === "integer" ? "n integer" : " number"}, got "${raw}"` };
    }
    return { value: n };
  }
  if (field?.type === "boolean") {
    if (/^(true|1)$/i.test(raw)) return { value: true };
    if (/^(false|0)$/i.test(raw)) return { value: false };
    return { error: `must be true or false, got "${raw}"` };
  }
  return { value: raw };
}

/**
 * Reads an HSDS tabular data package: datapackage.json (optional; when present it must be a tabular data
 * package naming HSDS resources) and one CSV per table. Unknown files, unknown columns, malformed CSV and
 * cells of the wrong type are problems named by file, line and column.
 */
export function readDataPackage(files: PackageFiles): { records: SourcedRecord[]; problems: InputProblem[] } {
  const records: SourcedRecord[] = [];
  const problems: InputProblem[] = [];
  const descriptor = files.get("datapackage.json");
  const paths = new Map<string, TabularResource>();
  if (descriptor) {
    let parsed: { resources?: { name?: string; path?: string }[] };
    try {
      parsed = JSON.parse(descriptor.toString("utf8"));
    } catch (error) {
      problems.push({
        file: "datapackage.json",
        row: "-",
        field: "/",
        message: `is not valid JSON: ${(error as Error).message}`,
      });
      return { records, problems };
    }
    if (!Array.isArray(parsed.resources)) {
      problems.push({
        file: "datapackage.json",
        row: "-",
        field: "resources",
        message: "must list the package's resources",
      });
      return { records, problems };
    }
    parsed.resources.forEach((r, i) => {
      const known = RESOURCE_BY_NAME.get(r.name as HsdsTableName);
      if (!known) {
        problems.push({
          file: "datapackage.json",
          row: `/resources/${i}`,
          field: "name",
          message: `"${r.name}" is not an HSDS table`,
        });
        return;
      }
      paths.set(baseName(r.path ?? known.path), known);
    });
  }
  for (const [name, content] of files) {
    if (name === "datapackage.json") continue;
    const resource = paths.get(name) ?? RESOURCE_BY_PATH.get(name);
    if (!resource) {
      problems.push({
        file: name,
        row: "-",
        field: "-",
        message: name.endsWith(".csv")
          ? "is not a table of the HSDS data package"
          : "is not part of an HSDS data package",
      });
      continue;
    }
    readCsv(resource, name, content, records, problems);
  }
  if (files.size === 0 || (files.size === 1 && descriptor)) {
    problems.push({ file: "-", row: "-", field: "-", message: "the data package has no CSV files" });
  }
  return { records, problems };
}

function readCsv(
  resource: TabularResource,
  file: string,
  content: Buffer,
  records: SourcedRecord[],
  problems: InputProblem[],
) {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(content, { bom: true, info: true, skip_empty_lines: true }) as unknown as typeof rows;
  } catch (error) {
    const e = error as Error & { lines?: number };
    problems.push({
      file,
      row: String(e.lines ?? "-"),
      field: "-",
      message: `is not valid CSV: ${e.message}`,
    });
    return;
  }
  const [header, ...body] = rows;
  if (!header) return;
  const columns = header.record.map((c) => c.trim());
  const known = new Set(resource.fields.map((f) => f.name));
  for (const column of columns) {
    if (!known.has(column))
      problems.push({ file, row: "1", field: column, message: `is not a column of ${resource.path}` });
  }
  if (!columns.includes("id")) problems.push({ file, row: "1", field: "id", message: "column is missing" });
  for (const { record: cells, info } of body) {
    const row = String(info.lines);
    const record: HsdsRecord = {};
    columns.forEach((column, i) => {
      if (!known.has(column)) return;
      const { value, error } = convertCell(resource, column, cells[i] ?? "");
      if (error) problems.push({ file, row, field: column, message: error });
      else if (value !== undefined) record[column] = value;
    });
    records.push({ table: resource.name, record, file, row });
  }
}

/** The CSV of one table: every column of the HSDS table, in the data package's order. */
export function tableCsv(table: HsdsTableName, rows: HsdsRecord[]): string {
  const resource = RESOURCE_BY_NAME.get(table);
  if (!resource) throw new Error(`unknown table ${table}`);
  const columns = resource.fields.map((f) => f.name);
  return stringify(
    rows.map((r) => columns.map((c) => (r[c] === undefined || r[c] === null ? "" : String(r[c])))),
    { header: true, columns },
  );
}

/** The zipped data package: the official descriptor and one CSV per table. */
export async function zipPackage(tables: Map<HsdsTableName, HsdsRecord[]>): Promise<Buffer> {
  const zip = new JSZip();
  zip.file("datapackage.json", `${JSON.stringify(DATAPACKAGE, null, 2)}\n`);
  for (const resource of RESOURCES)
    zip.file(resource.path, tableCsv(resource.name, tables.get(resource.name) ?? []));
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}
