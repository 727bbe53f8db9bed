import fc from "fast-check";

/**
 * The part of JSON Schema that our TypeBox request bodies use (see docs/openapi.json): type, anyOf, enum,
 * const, string lengths/pattern/format, number bounds, arrays, objects with properties/required/
 * additionalProperties. Maintained JSON-schema→fast-check libraries target fast-check 1 (json-schema-fast-check
 * 0.0.6), so this small converter does the job. Values are valid or close to valid: strings and arrays are
 * kept short so a run stays fast; the adversarial part comes from mutating one field (see adversarial.ts).
 */
export interface JsonSchema {
  type?: string | string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  minProperties?: number;
  maxProperties?: number;
}

export interface ArbitraryOptions {
  /** Real ids to mix into uuid fields so that some requests reach past "not found". */
  uuids?: string[];
}

const isoDate = fc
  .date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2035-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString());

function stringArbitrary(schema: JsonSchema, options: ArbitraryOptions): fc.Arbitrary<string> {
  switch (schema.format) {
    case "uuid":
      return options.uuids?.length ? fc.oneof(fc.constantFrom(...options.uuids), fc.uuid()) : fc.uuid();
    case "email":
      return fc.emailAddress().filter((e) => e.length <= (schema.maxLength ?? 254));
    case "date":
      return isoDate.map((d) => d.slice(0, 10));
    case "date-time":
      return isoDate;
  }
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? 40, minLength + 40));
  return fc.string({ minLength, maxLength, unit: "grapheme" });
}

function numberArbitrary(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1000);
  const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 1000);
  return integer
    ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
    : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

export function arbitraryFor(schema: JsonSchema, options: ArbitraryOptions = {}): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) return fc.oneof(...branches.map((b) => arbitraryFor(b, options)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "string":
      return stringArbitrary(schema, options);
    case "integer":
      return numberArbitrary(schema, true);
    case "number":
      return numberArbitrary(schema, false);
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array": {
      const item = arbitraryFor(schema.items ?? {}, options);
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? 3, minLength + 3));
      return schema.uniqueItems
        ? fc.uniqueArray(item, { minLength, maxLength, selector: (v) => JSON.stringify(v) })
        : fc.array(item, { minLength, maxLength });
    }
    case "object": {
      const properties = schema.properties ?? {};
      const record = fc.record(
        Object.fromEntries(Object.entries(properties).map(([k, s]) => [k, arbitraryFor(s, options)])),
        { requiredKeys: (schema.required ?? []).filter((k) => k in properties) },
      );
      if (typeof schema.additionalProperties !== "object") return record;
      const extra = fc.dictionary(
        fc.string({ minLength: 1, maxLength: 12 }),
        arbitraryFor(schema.additionalProperties, options),
        { minKeys: schema.minProperties ?? 0, maxKeys: Math.min(schema.maxProperties ?? 3, 3) },
      );
      return fc.tuple(extra, record).map(([a, b]) => ({ ...a, ...b }));
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

export type Path = (string | number)[];

/** Every place in a value that can be replaced or removed, up to a depth: the root is []. */
export function pathsOf(value: unknown, depth = 4, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (depth === 0 || value === null || typeof value !== "object") return out;
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value as Record<string, unknown>);
  for (const [key, child] of entries) out.push(...pathsOf(child, depth - 1, [...prefix, key]));
  return out;
}

/** A copy of `value` with the thing at `path` replaced or removed (own "__proto__" keys stay plain data). */
export function withAt(
  value: unknown,
  path: Path,
  replacement: { set: unknown } | { remove: true },
): unknown {
  if (path.length === 0) return "set" in replacement ? replacement.set : undefined;
  const [head, ...rest] = path as [string | number, ...Path];
  if (Array.isArray(value)) {
    const copy = [...value];
    if (rest.length === 0 && "remove" in replacement) copy.splice(Number(head), 1);
    else copy[Number(head)] = withAt(copy[Number(head)], rest, replacement);
    return copy;
  }
  const copy = { ...(value as Record<string, unknown>) };
  if (rest.length === 0 && "remove" in replacement) delete copy[head];
  else
    Object.defineProperty(copy, head, {
      value: withAt(copy[head], rest, replacement),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return copy;
}
