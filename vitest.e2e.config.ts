import { defineConfig } from "vitest/config";

// Browser tests against the built web app (npm run test:e2e builds it first) and the real server.
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.e2e.ts"],
    // Whole user journeys: generous, since a busy 2-core machine can slow Chromium down several times over.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    // One server and one Chromium at a time keep the suite predictable on small machines.
    fileParallelism: false,
  },
});
