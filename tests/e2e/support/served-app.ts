import { TEST_ORIGIN } from "../../helpers/http";

/**
 * The running system's HTTP server behind `TestClient`'s interface: requests go over the
 * network to `origin`, and our Origin header is the system's own (as a browser's would be).
 */
export function servedApp(origin: string) {
  return {
    request(input: string, init: RequestInit = {}) {
      const headers = new Headers(init.headers);
      if (headers.has("origin")) headers.set("origin", origin);
      return fetch(input.replace(TEST_ORIGIN, origin), { ...init, headers, redirect: "manual" });
    },
  };
}
