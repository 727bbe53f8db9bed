import Ajv from "ajv";
import addFormatsModule from "ajv-formats";
import type { FastifyInstance } from "fastify";
import { AppError, type ErrorDetail } from "../errors.ts";

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats =
  (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

function makeAjv(coerceTypes: boolean | "array"): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    coerceTypes,
    // Unknown fields are an error, never silently dropped.
    removeAdditional: false,
    useDefaults: true,
    strict: false,
  });
  addFormats(ajv);
  return ajv;
}

/** Deeper JSON than this is refused: no form nests nearly as deep, and recursion over it would overflow. */
export const MAX_JSON_DEPTH = 64;

/**
 * What no schema can say about a parsed JSON body: PostgreSQL text cannot hold U+0000 (a NUL in any string or key
 * would end as a 500 at the insert), and absurd nesting overflows the stack of whatever walks it later.
 */
export function jsonBodyProblems(body: unknown): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: body, path: "", depth: 0 }];
  while (stack.length > 0 && problems.length < 20) {
    const { value, path, depth } = stack.pop() as { value: unknown; path: string; depth: number };
    if (typeof value === "string") {
      if (value.includes("\u0000"))
        problems.push({ field: `/body${path}`, message: "must not contain the NUL character" });
      continue;
    }
    if (value === null || typeof value !== "object") continue;
    if (depth >= MAX_JSON_DEPTH) {
      problems.push({ field: `/body${path}`, message: `is nested more than ${MAX_JSON_DEPTH} levels deep` });
      continue;
    }
    for (const [key, child] of Object.entries(value)) {
      const childPath = `${path}/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`;
      if (key.includes("\u0000"))
        problems.push({ field: `/body${childPath}`, message: "must not contain the NUL character" });
      stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return problems;
}

/** PostgreSQL `integer` columns hold these; an integer outside them would end as a 500 at the query. */
export const INTEGER_RANGE = { minimum: -2147483648, maximum: 2147483647 } as const;

function isIntegerSchema(schema: Record<string, unknown>): boolean {
  const type = schema.type;
  return type === "integer" || (Array.isArray(type) && type.includes("integer"));
}

/**
 * A copy of a route schema in which every integer without its own bounds is bounded to {@link INTEGER_RANGE}, so
 * `{"version": 1e308}` is a 400 naming the field rather than an out-of-range error from the database.
 */
export function boundIntegers<T>(schema: T): T {
  if (Array.isArray(schema)) return schema.map((item) => boundIntegers(item)) as T;
  if (schema === null || typeof schema !== "object") return schema;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) copy[key] = boundIntegers(value);
  // TypeBox marks its schemas with symbol keys (Kind, Optional); keep them.
  for (const symbol of Object.getOwnPropertySymbols(schema))
    (copy as Record<PropertyKey, unknown>)[symbol] = (schema as Record<PropertyKey, unknown>)[symbol];
  if (isIntegerSchema(copy)) {
    if (copy.minimum === undefined && copy.exclusiveMinimum === undefined)
      copy.minimum = INTEGER_RANGE.minimum;
    if (copy.maximum === undefined && copy.exclusiveMaximum === undefined)
      copy.maximum = INTEGER_RANGE.maximum;
  }
  return copy as T;
}

/**
 * JSON bodies are validated strictly (a number where a string belongs is a 400, not a silent cast);
 * query strings and path parameters arrive as text and are coerced to their declared types.
 */
export function installValidation(app: FastifyInstance): void {
  const strict = makeAjv(false);
  const coercing = makeAjv("array");
  app.setValidatorCompiler(({ schema, httpPart }) =>
    httpPart === "body" ? strict.compile(boundIntegers(schema)) : coercing.compile(boundIntegers(schema)),
  );
  // Before schema validation, for every route, with a schema or without (the HSDS import takes any JSON).
  app.addHook("preValidation", async (request) => {
    if (request.body === undefined || Buffer.isBuffer(request.body)) return;
    const problems = jsonBodyProblems(request.body);
    if (problems.length > 0) {
      const summary = problems.map((p) => `${p.field} ${p.message}`).join("; ");
      throw new AppError("validation.failed", `The request is not valid: ${summary}`, problems);
    }
  });
}
