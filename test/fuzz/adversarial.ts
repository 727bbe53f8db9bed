import fc from "fast-check";

/** Strings that have broken web apps: NUL (PostgreSQL text refuses it), bad UTF-16, injections, look-alikes. */
export const NASTY_STRINGS = [
  "\u0000",
  "a\u0000b",
  "\uD800",
  "x\uDC00y",
  "\u202Egnp.exe",
  "\u200B\u200D\uFEFF",
  "👨‍👩‍👧‍👦🏳️‍🌈",
  "e\u0301\u0301\u0301\u0301\u0301",
  "Z̷̡̢̛̖̹͓̞̩̯̳̺̽̈́̄̒̍̏a̶l̵g̸o̵",
  "' OR 1=1 --",
  "'); DROP TABLE users; --",
  "$$; select pg_sleep(0); $$",
  "%s%s%n",
  "<script>window.__xss=1</script>",
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(1)",
  "=cmd|' /C calc'!A0",
  "NaN",
  "Infinity",
  "-0",
  "1e308",
  "",
  " ",
  "\t\n\r",
  "null",
  "true",
  "__proto__",
  "constructor",
  "0000-00-00",
  "2026-02-30",
  "-271821-04-19T00:00:00.000Z",
  "9999-12-31T23:59:59.999Z",
  "00000000-0000-0000-0000-000000000000",
  "../../etc/passwd",
  "x".repeat(5000),
];

export const NASTY_NUMBERS = [-0, 1e308, -1e308, 2 ** 53 + 2, -(2 ** 31) - 1, 2 ** 31, 0.5, -1, 5e-324];

/** JSON text for values JSON.stringify cannot express naturally (prototype keys, deep nesting). */
export const RAW_JSON_VALUES = [
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"prototype":{"polluted":true}}',
  `${"[".repeat(3000)}${"]".repeat(3000)}`,
  `${'{"a":'.repeat(3000)}1${"}".repeat(3000)}`,
];

/** A value for one field: of the wrong type, nasty, huge, or an object with poisonous keys. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.constantFrom(...NASTY_NUMBERS),
  fc.constantFrom(null, true, false, [], {}, [null], [[[]]]),
  fc.constantFrom(...RAW_JSON_VALUES).map((text) => JSON.parse(text) as unknown),
  fc.constant(Array.from({ length: 20_000 }, (_, i) => i)),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Whole request bodies that are not JSON objects at all, or not JSON. */
export const MALFORMED_BODIES: { contentType: string; payload: string }[] = [
  { contentType: "application/json", payload: "{" },
  { contentType: "application/json", payload: '{"a":1,}' },
  { contentType: "application/json", payload: "" },
  { contentType: "application/json", payload: "null" },
  { contentType: "application/json", payload: "[]" },
  { contentType: "application/json", payload: '"text"' },
  { contentType: "application/json", payload: "12" },
  { contentType: "application/json", payload: "NaN" },
  { contentType: "application/json", payload: "\u0000" },
  { contentType: "application/json", payload: '{"a":"\\ud800"}' },
  { contentType: "application/json; charset=utf-16", payload: "{}" },
  { contentType: "text/plain", payload: "hello" },
  { contentType: "application/x-www-form-urlencoded", payload: "a=1&b=2" },
  { contentType: "multipart/form-data; boundary=x", payload: "--x\r\n\r\n--x--" },
  { contentType: "text/csv", payload: "a,b\n1,2\n" },
  { contentType: "application/zip", payload: "PK\u0003\u0004garbage" },
  { contentType: "application/xml", payload: "<a/>" },
  ...RAW_JSON_VALUES.map((payload) => ({ contentType: "application/json", payload })),
];
