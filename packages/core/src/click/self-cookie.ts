import { Runtime } from "../runtime";
import { Secret } from "../secret";
import * as Check from "./self-cookie-check";

export {
  SELF_COOKIE,
  SELF_COOKIE_MAX_AGE_SECONDS,
  SELF_COOKIE_ROTATION_SECONDS,
} from "./self-cookie-check";

/** Once per process: the unrotated master is sealed and given one period to live. */
const unrotatedRetired = Runtime.perRuntime(() => ({
  done: undefined as Promise<void> | undefined,
}));

function retireUnrotatedMaster(): Promise<void> {
  const slot = unrotatedRetired();
  if (!slot.done) {
    const done = Secret.retire(
      Check.UNROTATED_MASTER,
      Check.nowSeconds() + Check.SELF_COOKIE_ROTATION_SECONDS,
    );
    slot.done = done;
    done.catch(() => {
      if (slot.done === done) slot.done = undefined;
    });
  }
  return slot.done;
}

/**
 * The cookie's value for these memberships, newest first: `<memberId>.<signature>` entries
 * joined by `~` (characters a cookie carries unencoded), signed with the current master.
 */
export async function selfCookieValue(
  memberships: readonly { orgId: string; memberId: string }[],
): Promise<string> {
  const [master] = await Promise.all([Check.currentMaster(Secret), retireUnrotatedMaster()]);
  return memberships
    .slice(0, Check.MAX_ENTRIES)
    .map(({ orgId, memberId }) => {
      const mac = Check.signature(master, orgId, memberId).toString("base64url");
      return `${memberId}.${mac}`;
    })
    .join("~");
}

/** See `Check.isSelfByCookie`; through `Secret` (the redirect uses the lean store). */
export const isSelfByCookie = (cookie: string | undefined, orgId: string, memberId: string) =>
  Check.isSelfByCookie(Secret, cookie, orgId, memberId);
