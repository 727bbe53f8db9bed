import { createHash } from "node:crypto";

/**
 * Deterministic ids and numbers, the same in Node and in SQL (see sqlHelpers): an id is md5("<seed>:<key>")
 * read as a UUID, a number in [0, 1) is the first 48 bits of md5("<seed>:r:<key>") over 2^48.
 */
export function benchId(seed: number, key: string): string {
  const h = createHash("md5").update(`${seed}:${key}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export function benchRandom(seed: number, key: string): number {
  const h = createHash("md5").update(`${seed}:r:${key}`).digest("hex");
  return Number.parseInt(h.slice(0, 12), 16) / 2 ** 48;
}

export function benchPick<T>(seed: number, key: string, list: readonly T[]): T {
  return list[Math.floor(benchRandom(seed, key) * list.length)] as T;
}

/** A fast seeded generator (mulberry32) for the long audit stream, where md5 per draw would be wasteful. */
export function seededStream(seed: number, salt: string): () => number {
  let state =
    Number.parseInt(createHash("md5").update(`${seed}:${salt}`).digest("hex").slice(0, 8), 16) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** SQL functions in the scratch schema bench_gen that mirror benchId / benchRandom for set-based inserts. */
export function sqlHelpers(seed: number): string[] {
  if (!Number.isSafeInteger(seed) || seed < 0) throw new Error("the seed must be a non-negative integer");
  return [
    "drop schema if exists bench_gen cascade",
    "create schema bench_gen",
    `create function bench_gen.id(k text) returns uuid language sql immutable as $$ select md5('${seed}:' || k)::uuid $$`,
    `create function bench_gen.r(k text) returns float8 language sql immutable as
      $$ select ('x' || substr(md5('${seed}:r:' || k), 1, 12))::bit(48)::bigint::float8 / 281474976710656::float8 $$`,
    // Dates plus intervals are computed as timestamp (no time zone) and read as UTC: the session's zone never matters.
    "create function bench_gen.utc(t timestamp) returns timestamptz language sql immutable as $$ select t at time zone 'UTC' $$",
    "create function bench_gen.i(k text, n int) returns int language sql immutable as $$ select floor(bench_gen.r(k) * n)::int $$",
    `create function bench_gen.pick(k text, a text[]) returns text language sql immutable as
      $$ select a[1 + floor(bench_gen.r(k) * array_length(a, 1))::int] $$`,
  ];
}

/** A SQL array literal of constant strings. */
export function sqlTextArray(values: readonly string[]): string {
  return `array[${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(", ")}]::text[]`;
}

export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
