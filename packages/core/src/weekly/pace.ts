import { Runtime } from "../runtime";

/**
 * Sends at most the configured number of e-mails per second from this process (SES's sending
 * rate; on AWS the batch sender runs one instance at a time, so this is the deployment's
 * rate). Uses the real clock: a test's frozen `now` must not stop the pace.
 */
const DEFAULT_PER_SECOND = 10;
let nextSlot = 0;

export async function takeSendSlot(): Promise<void> {
  const perSecond = Runtime.use().mailPerSecond ?? DEFAULT_PER_SECOND;
  const now = Date.now();
  const slot = Math.max(now, nextSlot);
  nextSlot = slot + 1000 / perSecond;
  if (slot > now) await new Promise((resolve) => setTimeout(resolve, slot - now));
}
