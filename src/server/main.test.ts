import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { testEngine } from "../../test/helpers.ts";
import { freePort } from "../../test/scratch.ts";

async function waitForHealth(url: string, child: ChildProcess): Promise<Response> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      return await fetch(url);
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

// What `npm start` runs, as a process: the embedded database, demo data, a clean stop. (PGlite only:
// the start-up path under test is the laptop one.)
describe.skipIf(testEngine !== "pglite")("the server process", { timeout: 120_000 }, () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "trellis-main-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("starts on an empty embedded database with demo data, serves sign-in, and stops cleanly on SIGTERM", async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: "127.0.0.1",
        TRELLIS_DATA_DIR: dataDir,
        DATABASE_URL: "",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout?.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr?.on("data", (chunk) => {
      output += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      const health = await waitForHealth(`http://127.0.0.1:${port}/api/health`, child);
      expect(health.status).toBe(200);
      expect((await health.json()).engine).toBe("pglite");
      const signIn = await fetch(`http://127.0.0.1:${port}/api/session`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "planner@anycounty.example", password: "trellis-demo" }),
      });
      expect(signIn.status).toBe(200);
      expect(output).toContain("Trellis is running at");
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    expect(output).not.toMatch(/FST_ERR|Error:/);
  });
});
