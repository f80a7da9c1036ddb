import type { Me, Organisation } from "../types";

const key = (memberId: string) => `sprida.onboarded.${memberId}`;

/** Onboarding is done on this device once finished or skipped through. */
export function markOnboarded(memberId: string) {
  try {
    window.localStorage.setItem(key(memberId), "1");
  } catch {
    // Private mode without storage: onboarding may show again next visit, nothing breaks.
  }
}

function onboardedHere(memberId: string): boolean {
  try {
    return window.localStorage.getItem(key(memberId)) === "1";
  } catch {
    return true;
  }
}

/** The organisation published guidelines the member has not accepted (a newer version too). */
export function guidelinesPending(me: Me, organisation: Organisation): boolean {
  const current = organisation.guidelines?.version;
  return current !== undefined && (me.guidelinesAccepted?.version ?? 0) < current;
}

/**
 * A first visit: nothing set up yet (no channels, no topics) and not onboarded on this
 * device; or guidelines to accept, which no one can skip.
 */
export function needsOnboarding(me: Me, organisation: Organisation): boolean {
  if (guidelinesPending(me, organisation)) return true;
  const fresh = me.channels.length === 0 && me.followedTopics.length === 0;
  return fresh && !onboardedHere(me.memberId);
}
