/**
 * A short, jittered wait before reading again after a transaction lost a race (a concurrent
 * change of the same member, or of the organisation's counters).
 */
export const pause = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * 25 * attempt));
