import { consume, type Limit, RateLimitedError, type Use } from "./rate-limit";

/**
 * Limits that count failed attempts only. A place in each is taken before the attempt is
 * judged, so concurrent attempts cannot pass a limit together (as they could between a check
 * and a later count), and every place is given back when the attempt turns out not to fail.
 */
export class Failures {
  private constructor(private readonly taken: { limit: Limit; use: Use }[]) {}

  /**
   * Takes a place in each limit, in order. When one is full, gives back those already taken
   * and throws its `RateLimitedError`: a refused attempt is not judged and counts nowhere.
   */
  static async take(limits: Limit[]): Promise<Failures> {
    const failures = new Failures([]);
    for (const limit of limits) {
      try {
        failures.taken.push({ limit, use: await consume(limit) });
      } catch (error) {
        if (error instanceof RateLimitedError) await failures.giveBack();
        throw error;
      }
    }
    return failures;
  }

  /** Takes a place in one more limit; false, and nothing taken, when it is full. */
  async alsoTake(limit: Limit): Promise<boolean> {
    try {
      this.taken.push({ limit, use: await consume(limit) });
      return true;
    } catch (error) {
      if (error instanceof RateLimitedError) return false;
      throw error;
    }
  }

  /** The attempt did not fail: none of it counts. */
  async giveBack(): Promise<void> {
    const taken = this.taken.splice(0);
    await Promise.all(taken.map(({ use }) => use.giveBack()));
  }

  /** The limits this attempt's failure used up: the next attempt against them is refused. */
  reached(): Limit[] {
    return this.taken.filter(({ use }) => use.reachedLimit).map(({ limit }) => limit);
  }
}
