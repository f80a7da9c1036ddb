import { provideTestRuntime } from "@sprida/testing/runtime";
import { activeMember, newEmail, newOrganisation } from "@sprida/testing/test-members";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../fetch/test-support";
import { PREVIEW_LIMIT, preview } from "./preview";

describe("add by URL", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer((_, response) => {
      response.writeHead(200, { "content-type": "text/html" });
      response.end(
        '<html lang="sv"><head><meta property="og:title" content="Nyheter"></head></html>',
      );
    });
    provideTestRuntime({ fetchAllowlist: [server.hostPort] });
  });
  afterAll(() => server?.close());

  it("reads the page for a curator, and stops a member who previews too many pages in a window", async () => {
    const org = await newOrganisation();
    const curator = await activeMember(org, newEmail(), "curator");
    for (let i = 0; i < PREVIEW_LIMIT.limit; i++) {
      const page = await preview(curator, `${server.origin}/page-${i}`);
      expect(page).toMatchObject({ ok: true, title: "Nyheter" });
    }
    await expect(preview(curator, `${server.origin}/one-more`)).rejects.toMatchObject({
      kind: "rate_limited",
    });
    expect(server.requests.map((request) => request.path)).not.toContain("/one-more");
  });
});
