import createClient from "openapi-fetch";
import { ApiError } from "./api-error";
import type { paths } from "./api-types";
import { sha256Hex } from "./content-hash";

/**
 * The typed client of Sprida's API, generated from /api/openapi.json (`npm run openapi:client`):
 * paths, parameters, bodies and answers are checked by the compiler. Same origin, session
 * cookie included. Every body goes with its SHA-256 (`x-amz-content-sha256`): behind
 * CloudFront's origin access control the API's function URL refuses a body without it.
 */
export const api = createClient<paths>({ baseUrl: "", credentials: "same-origin" });

api.use({
  async onRequest({ request }) {
    if (request.method === "GET" || request.method === "HEAD") return request;
    const body = await request.clone().arrayBuffer();
    request.headers.set("x-amz-content-sha256", await sha256Hex(body));
    return request;
  },
});

type Answer<T> = { data?: T; error?: unknown; response: Response };

/**
 * The data of a call, or an `ApiError` carrying the API's code and message (so TanStack Query
 * sees failures as failures). A network failure becomes an `ApiError` with status 0.
 */
export async function call<T>(request: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await request;
  } catch {
    throw new ApiError(0, "offline", "");
  }
  if (answer.error !== undefined || !answer.response.ok) {
    throw ApiError.from(answer.response.status, answer.error);
  }
  return answer.data as T;
}
