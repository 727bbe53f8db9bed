import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { en, es } from "../../web/src/i18n/catalogs.ts";

// Runs without a browser: the translation catalogs must cover every key the web app uses, in both languages.

type Catalog = { [key: string]: string | Catalog };

function flatten(catalog: Catalog, prefix = ""): Map<string, string> {
  const result = new Map<string, string>();
  for (const [key, value] of Object.entries(catalog)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") result.set(full, value);
    else for (const [k, v] of flatten(value, full)) result.set(k, v);
  }
  return result;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();

const english = flatten(en);
const spanish = flatten(es);

describe("translation catalogs", () => {
  it("have the same keys in English and Spanish", () => {
    expect([...spanish.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it("use the same placeholders in both languages", () => {
    const mismatched = [...english].filter(([key, text]) => {
      const other = spanish.get(key);
      return other !== undefined && placeholders(other).join() !== placeholders(text).join();
    });
    expect(mismatched.map(([key]) => key)).toEqual([]);
  });

  it("contain every literal key the web app passes to t()", () => {
    const used = new Set<string>();
    for (const file of sourceFiles(path.resolve("web/src"))) {
      const text = readFileSync(file, "utf8");
      for (const match of text.matchAll(/\bt\(\s*"([a-zA-Z0-9_.]+)"/g)) if (match[1]) used.add(match[1]);
      // Keys held in constants, such as the admin section labels.
      for (const match of text.matchAll(/label: "([a-zA-Z0-9_]+(?:\.[a-zA-Z0-9_]+)+)"/g))
        if (match[1]) used.add(match[1]);
    }
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((key) => !english.has(key)).sort()).toEqual([]);
  });

  it("name every role, capability and organization type of the API", () => {
    for (const role of ["admin", "manager", "staff", "viewer"])
      expect(english.has(`roles.${role}`)).toBe(true);
    for (const c of ["privacy_officer", "state_reviewer"])
      expect(english.has(`capabilities.${c}`)).toBe(true);
    const types = [
      "county_child_welfare",
      "probation",
      "welfare_to_work",
      "community_provider",
      "ta_provider",
    ];
    for (const type of [...types, "state_agency", "partnership"]) {
      expect(english.has(`organizationTypes.${type}`)).toBe(true);
    }
  });
});
