import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/**
 * The member hub, built to `dist/`: hashed files under `assets/` (cached for a year) and an
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
  },
});
