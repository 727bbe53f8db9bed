import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";

// The JavaScript budget of a first visit. It lives in the e2e suite because it reads the production build
// (web/dist), which `npm run test:e2e` makes just before this suite runs; the unit suite runs before any
// build, and building inside a unit test would run Vite twice per `npm test`.

/** Initial JavaScript a first visit downloads, gzipped: the entry chunk plus everything it imports statically. */
const INITIAL_JS_BUDGET_BYTES = 250 * 1024;

const WEB_DIST = path.resolve("web/dist");
const MANIFEST = path.join(WEB_DIST, ".vite/manifest.json");

interface ManifestChunk {
  file: string;
  src?: string;
  name?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

function readManifest(): Manifest {
  if (!existsSync(MANIFEST)) {
    throw new Error(
      `${MANIFEST} is missing: run \`npm run build:web\` first (npm run test:e2e does); web/vite.config.ts must keep build.manifest.`,
    );
  }
  return JSON.parse(readFileSync(MANIFEST, "utf8")) as Manifest;
}

/** Manifest keys of the entry chunk and of every chunk reachable from it through static imports. */
function initialChunks(manifest: Manifest): string[] {
  const entries = Object.keys(manifest).filter((key) => manifest[key]?.isEntry);
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the manifest names ${key} but does not describe it`);
    seen.add(key);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const entry of entries) visit(entry);
  return [...seen];
}

const gzipBytes = (file: string) => gzipSync(readFileSync(path.join(WEB_DIST, file))).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

describe("the web app's JavaScript budget", () => {
  it(`keeps the initial JavaScript at or under ${kb(INITIAL_JS_BUDGET_BYTES)} gzip`, () => {
    const manifest = readManifest();
    const initial = initialChunks(manifest);
    const entries = initial.filter((key) => manifest[key]?.isEntry);
    expect(entries.length, "the manifest has no entry chunk").toBeGreaterThan(0);

    const sizes = initial
      .map((key) => ({ file: manifest[key]?.file ?? key, gzip: gzipBytes(manifest[key]?.file ?? key) }))
      .sort((a, b) => b.gzip - a.gzip);
    const total = sizes.reduce((sum, chunk) => sum + chunk.gzip, 0);
    const report = sizes.map((chunk) => `  ${kb(chunk.gzip).padStart(10)}  ${chunk.file}`).join("\n");
    expect(
      total,
      `initial JavaScript is ${kb(total)} gzip, over the ${kb(INITIAL_JS_BUDGET_BYTES)} budget:\n${report}\n`,
    ).toBeLessThanOrEqual(INITIAL_JS_BUDGET_BYTES);
  });

  it("loads every page module on demand, not with the entry", () => {
    const manifest = readManifest();
    const initial = new Set(initialChunks(manifest));
    const pages = Object.entries(manifest).filter(([, chunk]) => chunk.src?.startsWith("src/features/"));
    // The router imports each feature page lazily; a page in the initial set means a static import crept in.
    expect(pages.length).toBeGreaterThan(10);
    const eager = pages.filter(([key]) => initial.has(key)).map(([, chunk]) => chunk.src);
    expect(eager).toEqual([]);
    expect(pages.every(([, chunk]) => chunk.isDynamicEntry)).toBe(true);
  });

  it("keeps the charting library out of the initial JavaScript", () => {
    const manifest = readManifest();
    const initialFiles = new Set(initialChunks(manifest).map((key) => manifest[key]?.file));
    // recharts' CSS class names survive minification: they mark the chunks that carry the library.
    const marker = "recharts-wrapper";
    const jsFiles = readdirSync(path.join(WEB_DIST, "assets"))
      .filter((name) => name.endsWith(".js"))
      .map((name) => `assets/${name}`);
    const withCharts = jsFiles.filter((file) =>
      readFileSync(path.join(WEB_DIST, file), "utf8").includes(marker),
    );
    expect(withCharts.length, "no built chunk carries recharts: the marker is stale").toBeGreaterThan(0);
    expect(withCharts.filter((file) => initialFiles.has(file))).toEqual([]);
  });
});
