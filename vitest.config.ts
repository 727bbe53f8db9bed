import { defineConfig } from "vitest/config";

const include = ["src/**/*.test.ts", "test/**/*.test.ts"];
const shared = { include, testTimeout: 30_000, hookTimeout: 120_000 };

// Every suite runs on the embedded engine; with TEST_DATABASE_URL set, again on PostgreSQL.
export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: "pglite", env: { TRELLIS_TEST_ENGINE: "pglite" } } },
      ...(process.env.TEST_DATABASE_URL
        ? [
            {
              test: {
                ...shared,
                name: "postgres",
                env: { TRELLIS_TEST_ENGINE: "postgres" },
                setupFiles: ["test/setup/one-query-per-connection.ts"],
              },
            },
          ]
        : []),
    ],
  },
});
