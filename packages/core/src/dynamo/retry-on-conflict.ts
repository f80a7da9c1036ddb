/**
 * What an attempt returns when its conditional write lost a race (a concurrent change of the
 * same item, a failed condition on what it read, a transaction conflict): read again and
 * decide again, rather than write on a stale read.
 */
export const TRY_AGAIN: unique symbol = Symbol("try again");
export type TryAgain = typeof TRY_AGAIN;

export type RetryOptions<T> = {
  /** Attempts in all, counting the first. */
  attempts: number;
  /**
   * The longest wait before attempt n + 1 is `pauseMs * n`, drawn at random so that two
   * writers who collided do not collide again in step; 0 reads again at once (where the
   * loser only reads the winner's result).
   */
  pauseMs?: number;
} & (
  | /** Thrown when the last attempt lost too: usually a 409 saying "try again". */
  { conflict: () => Error }
  /** Or the answer to give when the last attempt lost too. */
  | { exhausted: () => T }
);

const DEFAULT_PAUSE_MS = 25;

/**
 * Runs `attempt` until it returns something other than TRY_AGAIN, at most `attempts` times.
 * An attempt that throws ends the retries at once: a thrown error is an answer (not found,
 * forbidden), not a lost race.
 */
export async function retryOnConflict<T>(
  attempt: (attempt: number) => Promise<T | TryAgain> | T | TryAgain,
  options: RetryOptions<T>,
): Promise<T> {
  const pauseMs = options.pauseMs ?? DEFAULT_PAUSE_MS;
  for (let n = 1; n <= options.attempts; n++) {
    const outcome = await attempt(n);
    if (outcome !== TRY_AGAIN) return outcome;
    if (n < options.attempts && pauseMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * pauseMs * n));
    }
  }
  if ("exhausted" in options) return options.exhausted();
  throw options.conflict();
}
