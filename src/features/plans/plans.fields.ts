/** Checks values against a template's field definitions (pure). */
import type { ErrorDetail } from "../../server/errors.ts";
import type { FieldDefinition } from "../templates/template.schema.ts";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_MONTH = /^\d{4}-\d{2}$/;
const DEFAULT_TEXT_LIMIT = 20_000;

export function isRealDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function checkOne(def: FieldDefinition, value: unknown): string | null {
  if (value === null || value === undefined || value === "") return null;
  switch (def.type) {
    case "text":
    case "textarea": {
      if (typeof value !== "string") return "must be text";
      const limit = def.maxLength ?? DEFAULT_TEXT_LIMIT;
      return value.length > limit ? `must be at most ${limit} characters` : null;
    }
    case "date":
      return typeof value === "string" && isRealDate(value) ? null : "must be a date (YYYY-MM-DD)";
    case "month":
      return typeof value === "string" && ISO_MONTH.test(value) ? null : "must be a month (YYYY-MM)";
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? null : "must be a number";
    case "boolean":
      return typeof value === "boolean" ? null : "must be true or false";
    case "select":
      return typeof value === "string" && (def.options ?? []).some((o) => o.value === value)
        ? null
        : `must be one of: ${(def.options ?? []).map((o) => o.value).join(", ")}`;
    case "contacts": {
      if (!Array.isArray(value) || value.length > 20) return "must be a list of at most 20 contacts";
      for (const contact of value) {
        if (typeof contact !== "object" || contact === null || Array.isArray(contact))
          return "each contact must be an object";
        for (const [k, v] of Object.entries(contact)) {
          if (!["name", "phone", "email", "title"].includes(k)) return `unknown contact field "${k}"`;
          if (typeof v !== "string" || v.length > 300)
            return `contact ${k} must be text of at most 300 characters`;
        }
      }
      return null;
    }
  }
}

/**
 * Problems with `values` for these definitions: unknown keys, wrong types, and — when `requireAll` —
 * missing required fields. `path` prefixes the field names in the details ("/body/header").
 */
export function validateFieldValues(
  defs: FieldDefinition[],
  values: Record<string, unknown>,
  path: string,
  requireAll = false,
): ErrorDetail[] {
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const problems: ErrorDetail[] = [];
  for (const [key, value] of Object.entries(values)) {
    const def = byKey.get(key);
    if (!def) {
      problems.push({ field: `${path}/${key}`, message: `unknown field "${key}"` });
      continue;
    }
    const problem = checkOne(def, value);
    if (problem) problems.push({ field: `${path}/${key}`, message: problem });
  }
  if (requireAll) {
    for (const def of defs) {
      const value = values[def.key];
      if (def.required && (value === undefined || value === null || value === "")) {
        problems.push({ field: `${path}/${def.key}`, message: "is required" });
      }
    }
  }
  return problems;
}
