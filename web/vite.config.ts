import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const webRoot = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root: webRoot,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL("./dist", import.meta.url)),
    emptyOutDir: true,
    // The USWDS stylesheet alone is ~500 kB; a warning about it would only be noise.
    chunkSizeWarningLimit: 1200,
    // .vite/manifest.json maps every chunk to its static and dynamic imports; test/e2e/web-budget.e2e.ts
    // reads it to measure the JavaScript a first visit downloads.
    manifest: true,
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: { "/api": "http://localhost:3000" },
  },
});
