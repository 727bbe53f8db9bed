import type { HsdsRecord, HsdsTableName } from "../../db/schema/index.ts";
import {
  flatFields,
  nestedProperties,
  OBJECT_SCHEMAS,
  RESOURCE_BY_NAME,
  RESOURCE_BY_PATH,
} from "./hsds.schemas.ts";

/** One flat HSDS record found in an input, with where it was found (for error messages). */
export interface SourcedRecord {
  table: HsdsTableName;
  record: HsdsRecord;
  file: string;
  /** JSON pointer of the object (JSON) or line number (CSV). */
  row: string;
}

export interface InputProblem {
  file: string;
  row: string;
  field: string;
  message: string;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Which HSDS object a JSON object is: the table whose schema knows every key, has its required keys,
 * and shares the most keys with it. Used when the caller does not say.
 */
export function detectObjectType(value: Record<string, unknown>): HsdsTableName | null {
  let best: { table: HsdsTableName; score: number } | null = null;
  const keys = Object.keys(value);
  for (const [table, schema] of OBJECT_SCHEMAS) {
    const known = [...Object.keys(schema.properties), ...nestedProperties(table).map((n) => n.key)];
    if (keys.some((k) => !known.includes(k))) continue;
    const required = ((schema as { required?: string[] }).required ?? []) as string[];
    if (required.some((k) => !(k in value))) continue;
    const score = keys.length;
    if (!best || score > best.score) best = { table, score };
  }
  return best?.table ?? null;
}

/**
 * Turns nested HSDS objects into flat records, one per table row. A child inherits its parent's id in
 * the link field the tabular form uses (a phone inside a service gets service_id; an attribute gets link_id
 * and link_entity; metadata gets resource_id and resource_type); a related object (a service's organization,
 * an attribute's taxonomy_term) becomes its own record and sets the link field. Fields no HSDS schema knows
 * are problems, not silently dropped.
 */
export function flattenObject(
  table: HsdsTableName,
  value: unknown,
  file: string,
  pointer: string,
  out: SourcedRecord[],
  problems: InputProblem[],
): string | undefined {
  if (!isObject(value)) {
    problems.push({ file, row: pointer, field: "/", message: `must be an HSDS ${table} object` });
    return undefined;
  }
  const schema = OBJECT_SCHEMAS.get(table);
  const nested = nestedMap(table);
  const flat = flatFieldNames(table);
  const record: HsdsRecord = {};
  for (const [key, v] of Object.entries(value)) {
    if (nested.has(key)) continue;
    if (!flat.has(key) && !schema?.properties[key]) {
      problems.push({ file, row: pointer, field: key, message: `is not a field of an HSDS ${table}` });
      continue;
    }
    if (v === null || v === undefined) continue;
    // The official tabular example writes some string fields as numbers (identifiers); keep them as text.
    const declared = schema?.properties[key]?.type;
    record[key] = declared === "string" && (typeof v === "number" || typeof v === "boolean") ? String(v) : v;
  }
  const id = typeof record.id === "string" ? record.id : undefined;
  for (const [key, n] of nested) {
    const v = value[key];
    if (v === undefined || v === null) continue;
    if (n.many) {
      if (!Array.isArray(v)) {
        problems.push({ file, row: pointer, field: key, message: "must be an array" });
        continue;
      }
      v.forEach((child, i) => {
        if (isObject(child) && id) inheritParentLink(n.child, child, table, id);
        flattenObject(n.child, child, file, `${pointer}/${key}/${i}`, out, problems);
      });
    } else {
      const childId = flattenObject(n.child, v, file, `${pointer}/${key}`, out, problems);
      const link = `${n.child}_id`;
      if (childId && flat.has(link) && record[link] === undefined) record[link] = childId;
    }
  }
  out.push({ table, record, file, row: pointer || "/" });
  return id;
}

const nestedMaps = new Map<HsdsTableName, Map<string, ReturnType<typeof nestedProperties>[number]>>();
const nestedMap = (table: HsdsTableName) => {
  let map = nestedMaps.get(table);
  if (!map) {
    map = new Map(nestedProperties(table).map((n) => [n.key, n]));
    nestedMaps.set(table, map);
  }
  return map;
};
const flatSets = new Map<HsdsTableName, Set<string>>();
const flatFieldNames = (table: HsdsTableName) => {
  let set = flatSets.get(table);
  if (!set) {
    set = new Set(flatFields(table).map((f) => f.name));
    flatSets.set(table, set);
  }
  return set;
};

function inheritParentLink(
  child: HsdsTableName,
  value: Record<string, unknown>,
  parent: HsdsTableName,
  id: string,
) {
  const fields = flatFieldNames(child);
  const setIfAbsent = (k: string, v: string) => {
    if (fields.has(k) && (value[k] === undefined || value[k] === null || value[k] === "")) value[k] = v;
  };
  if (child === "attribute") {
    setIfAbsent("link_id", id);
    setIfAbsent("link_entity", parent);
  } else if (child === "metadata") {
    setIfAbsent("resource_id", id);
    setIfAbsent("resource_type", parent);
  } else {
    setIfAbsent(`${parent}_id`, id);
  }
}

/**
 * Reads any HSDS JSON document: a single object (type given or detected), a list page ({ contents: [...] }),
 * or the tabular JSON form ({ "services.csv": [...] } or { service: [...] }).
 */
export function flattenJsonDocument(
  document: unknown,
  file: string,
  type?: HsdsTableName,
): { records: SourcedRecord[]; problems: InputProblem[] } {
  const records: SourcedRecord[] = [];
  const problems: InputProblem[] = [];
  if (!isObject(document)) {
    problems.push({ file, row: "/", field: "/", message: "must be a JSON object" });
    return { records, problems };
  }
  const tabularKeys = Object.keys(document).filter(
    (k) => RESOURCE_BY_PATH.has(k) || RESOURCE_BY_NAME.has(k as never),
  );
  if (!type && tabularKeys.length > 0 && tabularKeys.length === Object.keys(document).length) {
    for (const key of tabularKeys) {
      const resource = RESOURCE_BY_PATH.get(key) ?? RESOURCE_BY_NAME.get(key as HsdsTableName);
      const rows = document[key];
      if (!resource) continue;
      if (!Array.isArray(rows)) {
        problems.push({ file, row: `/${key}`, field: "/", message: "must be an array of rows" });
        continue;
      }
      rows.forEach((row, i) => {
        flattenObject(
          resource.name,
          row,
          file,
          `/${key.replace(/~/g, "~0").replace(/\//g, "~1")}/${i}`,
          records,
          problems,
        );
      });
    }
    return { records, problems };
  }
  if (Array.isArray(document.contents)) {
    const pageKeys = [
      "total_items",
      "total_pages",
      "page_number",
      "size",
      "first_page",
      "last_page",
      "empty",
      "contents",
    ];
    for (const key of Object.keys(document)) {
      if (!pageKeys.includes(key))
        problems.push({ file, row: "/", field: key, message: "is not a field of an HSDS page" });
    }
    document.contents.forEach((item, i) => {
      const itemType = type ?? (isObject(item) ? detectObjectType(item) : null);
      if (!itemType) {
        problems.push({
          file,
          row: `/contents/${i}`,
          field: "/",
          message: "is not an object HSDS knows (fields do not match any HSDS object)",
        });
        return;
      }
      flattenObject(itemType, item, file, `/contents/${i}`, records, problems);
    });
    return { records, problems };
  }
  const objectType = type ?? detectObjectType(document);
  if (!objectType) {
    problems.push({
      file,
      row: "/",
      field: "/",
      message: "is not an HSDS object, list page or tabular JSON (fields do not match any HSDS object)",
    });
    return { records, problems };
  }
  flattenObject(objectType, document, file, "", records, problems);
  return { records, problems };
}
