import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/** Libraries every page needs, and the hub's own frame and shared parts. */
const FRAMEWORK =
  /\/node_modules\/(react|react-dom|scheduler|@tanstack\/[^/]+|i18next|react-i18next|openapi-fetch)\//;
const SHELL =
  /\/packages\/web\/src\/(api|i18n|ui)\/|\/src\/hub\/(queries|hub-gate|hub-layout|profile-locale)/;

/**
 * The web app, built to `dist/`: hashed files under `assets/` (cached for a year) and an
 * `index.html` that is never cached. The local server and S3 + CloudFront serve the same files.
 */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  // The root node_modules holds another React (a dependency of a tool); the app uses its own.
  resolve: { dedupe: ["react", "react-dom"] },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    assetsDir: "assets",
    sourcemap: false,
    manifest: true,
    rollupOptions: {
      output: {
        // React, the router, queries and i18n in one file, the hub's frame and shared parts in
        // another: they load on every page together. Measured (npm run bench -- hub): 170 KB
        // gzipped in 12 files, against 173 KB in 26 without "shell", 178 KB in 27 without
        // either, and 204 KB in 9 with every package in one file. Mantine splits by the
        // components each place uses.
        manualChunks: (id: string) => {
          if (FRAMEWORK.test(id)) return "framework";
          // The hub's frame and what every place uses: one file, not a dozen small ones.
          if (SHELL.test(id)) return "shell";
          return undefined;
        },
      },
    },
  },
});
