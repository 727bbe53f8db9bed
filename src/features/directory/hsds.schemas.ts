import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import type { HsdsTableName } from "../../db/schema/index.ts";

/** The official HSDS 3.0 files shipped with Trellis (CC BY-SA 4.0, see hsds/README.md). */
export const HSDS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "hsds");
export const HSDS_VERSION = "3.0";

const readJson = (file: string) => JSON.parse(readFileSync(path.join(HSDS_DIR, file), "utf8"));

export interface TabularField {
  name: string;
  type: "string" | "number" | "integer" | "date" | "datetime" | "time" | "boolean";
}
export interface TabularResource {
  name: HsdsTableName;
  path: string;
  fields: TabularField[];
  foreignKeys: { field: string; resource: HsdsTableName }[];
}

interface RawResource {
  name: HsdsTableName;
  path: string;
  schema: {
    fields: TabularField[];
    foreignKeys?: { fields: string; reference: { resource: HsdsTableName } }[];
  };
}

/** The tabular data package descriptor: the tables, their CSV files, columns and declared links. */
export const DATAPACKAGE = readJson("tabular/datapackage.json") as {
  name: string;
  title: string;
  description: string;
  profile: string;
  version: string;
  license: unknown;
  resources: RawResource[];
};

export const RESOURCES: TabularResource[] = DATAPACKAGE.resources.map((r) => ({
  name: r.name,
  path: r.path,
  fields: r.schema.fields.map((f) => ({ name: f.name, type: f.type })),
  foreignKeys: (r.schema.foreignKeys ?? []).map((k) => ({ field: k.fields, resource: k.reference.resource })),
}));
export const RESOURCE_BY_NAME = new Map(RESOURCES.map((r) => [r.name, r]));
export const RESOURCE_BY_PATH = new Map(RESOURCES.map((r) => [r.path, r]));

/** Object schemas by table name, as published (with their nested arrays and objects). */
export const OBJECT_SCHEMAS = new Map<HsdsTableName, { properties: Record<string, Record<string, unknown>> }>(
  RESOURCES.map((r) => [r.name, readJson(`schema/${r.name}.json`)]),
);

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv,
) => Ajv;
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
// HSDS spells date-time "datetime" in a few places.
ajv.addFormat("datetime", ajv.formats["date-time"] as never);
for (const r of RESOURCES) ajv.addSchema(OBJECT_SCHEMAS.get(r.name) as object, `${r.name}.json`);
for (const compiled of ["organization_list", "service_list", "service_at_location_list", "tabular"]) {
  // Registered beside the object schemas so their relative $refs ("phone.json") resolve.
  ajv.addSchema(readJson(`schema/compiled/${compiled}.json`), `compiled-${compiled}.json`);
}

export type SchemaKey = `${HsdsTableName}.json` | `compiled/${string}.json`;

export function validator(key: SchemaKey): ValidateFunction {
  const validate = ajv.getSchema(key.replace(/^compiled\//, "compiled-"));
  if (!validate) throw new Error(`no HSDS schema ${key}`);
  return validate;
}

/** Validation messages as { field, message }, field being the JSON pointer inside the value. */
export function describeErrors(
  errors: ErrorObject[] | null | undefined,
): { field: string; message: string }[] {
  return (errors ?? []).map((e) => {
    const missing =
      e.keyword === "required" ? `/${(e.params as { missingProperty: string }).missingProperty}` : "";
    return { field: `${e.instancePath}${missing}` || "/", message: e.message ?? "is invalid" };
  });
}

/** Validates a value against an HSDS schema; returns the problems (empty when valid). */
export function checkAgainst(key: SchemaKey, value: unknown): { field: string; message: string }[] {
  const validate = validator(key);
  return validate(value) ? [] : describeErrors(validate.errors);
}

/** The flat (tabular) fields of each table. */
export function flatFields(table: HsdsTableName): TabularField[] {
  return RESOURCE_BY_NAME.get(table)?.fields ?? [];
}

/**
 * Related objects the compiled (API) schemas add to the object schemas: an organization's services and a
 * service_at_location's service.
 */
const COMPILED_NESTING: Partial<
  Record<HsdsTableName, { key: string; child: HsdsTableName; many: boolean }[]>
> = {
  organization: [{ key: "services", child: "service", many: true }],
  service_at_location: [{ key: "service", child: "service", many: false }],
};

/** Nested properties of an object schema: arrays of child objects and single related objects. */
export function nestedProperties(
  table: HsdsTableName,
): { key: string; child: HsdsTableName; many: boolean }[] {
  const schema = OBJECT_SCHEMAS.get(table);
  if (!schema) return [];
  const out: { key: string; child: HsdsTableName; many: boolean }[] = [];
  for (const [key, prop] of Object.entries(schema.properties)) {
    const ref = (prop.type === "array" ? (prop.items as { $ref?: string })?.$ref : prop.$ref) as
      | string
      | undefined;
    if (!ref) continue;
    out.push({ key, child: ref.replace(/\.json$/, "") as HsdsTableName, many: prop.type === "array" });
  }
  return [...out, ...(COMPILED_NESTING[table] ?? [])];
}
