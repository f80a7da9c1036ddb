import { z } from "zod";
import { DomainError, isConditionalCheckFailure } from "../error";
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

/** One use counted in the current window of a limit. */
export interface Use {
  /** Uses in the window, this one included. */
  count: number;
  /** This use took the window's last place: the next one is refused until the window ends. */
  reachedLimit: boolean;
  /** Takes this use out of the count again, for an attempt that turned out not to count. */
  giveBack(): Promise<void>;
}

/**
 * Counts one use in the current fixed window and throws `RateLimitedError` when the window
 * already holds `limit` uses. One conditional UpdateItem: the count never passes the limit,
 * even under concurrency, and refused attempts do not extend the wait.
 */
export async function consume(input: Limit): Promise<Use> {
  const taken = await take(input);
  if (taken instanceof RateLimitedError) throw taken;
  return taken;
}

/**
 * Counts one use when the window has room and says whether it had: for limits whose caller
 * answers as usual when they are reached, rather than with an error.
 */
export async function allows(input: Limit): Promise<boolean> {
  return !((await take(input)) instanceof RateLimitedError);
}

async function take(input: Limit): Promise<Use | RateLimitedError> {
  const { scope, key, limit, windowSeconds } = Limit.parse(input);
  const nowSeconds = Math.floor(Runtime.use().now().getTime() / 1000);
  const windowStart = nowSeconds - (nowSeconds % windowSeconds);
  const windowEnd = windowStart + windowSeconds;
  try {
    const { data } = await rateLimitEntity()
      .upsert({ scope, key, windowStart })
      .add({ count: 1 })
      .set({ expiresAt: windowEnd })
      .where(
        (attributes, op) =>
          `${op.notExists(attributes.count)} OR ${op.lt(attributes.count, limit)}`,
      )
      .go({ response: "updated_new" });
    const count = data.count ?? 1;
    return {
      count,
      reachedLimit: count >= limit,
      giveBack: () => giveBack({ scope, key, windowStart }),
    };
  } catch (error) {
    if (isConditionalCheckFailure(error)) return new RateLimitedError(windowEnd - nowSeconds);
    throw error;
  }
}

async function giveBack(window: { scope: string; key: string; windowStart: number }) {
  try {
    await rateLimitEntity()
      .patch(window)
      .subtract({ count: 1 })
      .where((attributes, op) => op.gt(attributes.count, 0))
      .go({ response: "none" });
  } catch (error) {
    // Nothing left to give back (the window expired and was deleted): nothing counts.
    if (!isConditionalCheckFailure(error)) throw error;
  }
}

function describe(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? "1 second" : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}
