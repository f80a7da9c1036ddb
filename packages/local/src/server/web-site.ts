import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { isPagePath } from "@sprida/functions/http";
import {
  CONTENT_SECURITY_POLICY,
  CONTENT_TYPES,
  cacheControlOf,
  isAppRoute,
} from "@sprida/web/site";
import type { Context } from "hono";
import { WEB_ROOT } from "../web";

/** Where `vite build` puts the web app (packages/web/dist). */
export const WEB_DIST = path.join(WEB_ROOT, "dist");

/**
 * Serves the built web app as S3 + CloudFront do on AWS: the API (`/api/*`) and the
 * server-rendered pages go to the app behind it, as CloudFront's behaviours send them to
 * their functions; any other path is a file of the build if there is one, else the app's
 * index.html for a path the app's router owns, else left to the app (a JSON 404).
 */
export function webSite(root = WEB_DIST) {
  return async function serve(c: Context, next: () => Promise<void>) {
    if (c.req.method !== "GET" && c.req.method !== "HEAD") return next();
    if (c.req.path === "/api" || c.req.path.startsWith("/api/") || isPagePath(c.req.path)) {
      return next();
    }
    const requested = decodePath(c.req.path);
    if (requested === undefined) return next();
    const file = requested === "/" ? "/index.html" : requested;
    const found = await readBuilt(root, file);
    if (found) return respond(c, file, found);
    if (isAppRoute(requested) && accepts(c, "text/html")) {
      const index = await readBuilt(root, "/index.html");
      if (index) return respond(c, "/index.html", index);
    }
    return next();
  };
}

function respond(c: Context, file: string, body: Buffer) {
  const extension = file.split(".").pop() ?? "";
  c.header("content-type", CONTENT_TYPES[extension] ?? "application/octet-stream");
  c.header("cache-control", cacheControlOf(file));
  c.header("x-content-type-options", "nosniff");
  if (extension === "html") {
    c.header("content-security-policy", CONTENT_SECURITY_POLICY);
    c.header("x-frame-options", "DENY");
    c.header("referrer-policy", "same-origin");
  }
  if (c.req.method === "HEAD") return c.body(null);
  return c.body(new Uint8Array(body));
}

/** A file of the build, never one outside it (no `..`, no hidden files). */
async function readBuilt(root: string, file: string): Promise<Buffer | undefined> {
  const full = path.join(root, file);
  if (!full.startsWith(root + path.sep) || file.split("/").some((part) => part.startsWith("."))) {
    return undefined;
  }
  try {
    if (!(await stat(full)).isFile()) return undefined;
    return await readFile(full);
  } catch {
    return undefined;
  }
}

function decodePath(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

const accepts = (c: Context, type: string) => {
  const accept = c.req.header("accept") ?? "";
  return accept === "" || accept.includes(type) || accept.includes("*/*");
};
