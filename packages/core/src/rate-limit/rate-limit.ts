import { z } from "zod";
import { DomainError, isConditionalCheckFailure } from "../error/domain-error";
import { Runtime } from "../runtime";
import { rateLimitEntity } from "./rate-limit.entity";

export const Limit = z.object({
  /** What is limited, e.g. "sign-in.request.email". */
  scope: z.string().min(1).max(64),
  /** Who it is limited for: an opaque value the caller has already hashed. */
  key: z.string().min(1).max(128),
  limit: z.number().int().positive(),
  windowSeconds: z.number().int().positive(),
});
export type Limit = z.infer<typeof Limit>;

/**
 * A DomainError of kind `rate_limited` that also says when to try again; the HTTP layer
 * sends `retryAfterSeconds` as the `Retry-After` header.
 */
export class RateLimitedError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      "rate_limited",
      "rate_limited",
      `Too many attempts. Try again in ${describe(retryAfterSeconds)}.`,
    );
    this.name = "RateLimitedError";
  }
}

/**
 * Counts one use in the current fixed window and throws `RateLimitedError` when the window
 * already holds `limit` uses. One conditional UpdateItem: the count never passes the limit,
 * even under concurrency, and refused attempts do not extend the wait.
 */
export async function consume(input: Limit): Promise<void> {
  const { scope, key, limit, windowSeconds } = Limit.parse(input);
  const nowSeconds = Math.floor(Runtime.use().now().getTime() / 1000);
  const windowStart = nowSeconds - (nowSeconds % windowSeconds);
  const windowEnd = windowStart + windowSeconds;
  try {
    await rateLimitEntity()
      .upsert({ scope, key, windowStart })
      .add({ count: 1 })
      .set({ expiresAt: windowEnd })
      .where(
        (attributes, op) =>
          `${op.notExists(attributes.count)} OR ${op.lt(attributes.count, limit)}`,
      )
      .go({ response: "none" });
  } catch (error) {
    if (isConditionalCheckFailure(error)) throw new RateLimitedError(windowEnd - nowSeconds);
    throw error;
  }
}

function describe(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? "1 second" : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}
