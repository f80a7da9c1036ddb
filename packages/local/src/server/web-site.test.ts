import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CONTENT_SECURITY_POLICY } from "@sprida/web/site";
import { Hono } from "hono";
import { beforeAll, describe, expect, it } from "vitest";
import { webSite } from "./web-site";

/** The local server serves a build as S3 + CloudFront do (infra/web-site.ts). */
describe("the web site on the local server", () => {
  let app: Hono;

  beforeAll(async () => {
    const root = await mkdtemp(join(tmpdir(), "sprida-web-site-"));
    await mkdir(join(root, "assets"));
    await writeFile(join(root, "index.html"), "<!doctype html><title>Hub</title>");
    await writeFile(join(root, "assets", "index-abc123.js"), "console.log(1)");
    await writeFile(join(root, "sw.js"), "self.addEventListener('fetch', () => {})");
    await writeFile(join(root, ".vite-secret"), "not served");
    app = new Hono()
      .use("*", webSite(root))
      .all("*", (c) => c.json({ error: { code: "not_found", message: "behind" } }, 404));
  });

  const get = (path: string, accept = "text/html") =>
    app.request(`http://localhost${path}`, { headers: { accept } });

  it("serves hashed files for a year and the rest revalidated", async () => {
    const asset = await get("/assets/index-abc123.js", "*/*");
    expect(asset.status).toBe(200);
    expect(asset.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const worker = await get("/sw.js", "*/*");
    expect(worker.headers.get("cache-control")).toBe("no-cache");
  });

  it("answers the app's routes with index.html, under the sites' policy", async () => {
    for (const path of ["/", "/impact", "/me/data", "/auth/link"]) {
      const page = await get(`${path}?token=x`);
      expect(page.status, path).toBe(200);
      expect(await page.text()).toContain("<title>Hub</title>");
      expect(page.headers.get("cache-control")).toBe("no-cache");
      expect(page.headers.get("content-security-policy")).toBe(CONTENT_SECURITY_POLICY);
      expect(page.headers.get("x-frame-options")).toBe("DENY");
    }
  });

  it("leaves the API, the pages, missing files and anything outside the build to the app", async () => {
    for (const path of [
      "/api/session",
      "/sign-in",
      "/join",
      "/assets/missing.js",
      "/.vite-secret",
      "/..%2fpackage.json",
    ]) {
      const answer = await get(path);
      expect(answer.status, path).toBe(404);
      expect(await answer.json(), path).toMatchObject({ error: { message: "behind" } });
    }
    // A path that climbs out is the app's route once the URL is normalised, never a file.
    const climbing = await get("/%2e%2e/%2e%2e/etc/passwd");
    expect(await climbing.text()).toContain("<title>Hub</title>");
    const post = await app.request("http://localhost/", { method: "POST" });
    expect(post.status).toBe(404);
  });
});
