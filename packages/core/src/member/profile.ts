import { Errors, isConditionalCheckFailure, parseInput } from "../error";
import { searchTextOf } from "./invite";
import { memberService } from "./member.entity";
import {
  type Info as Member,
  ProfilePatch,
  type ProfilePatch as ProfilePatchInput,
} from "./member.schema";
import { get, loadPresent } from "./read";

/**
 * The member's own choices: name, language, channels with network sizes, Mastodon server,
 * privacy, e-mail choices, holiday.
 */
export async function updateProfile(
  orgId: string,
  memberId: string,
  patch: ProfilePatchInput,
): Promise<Member> {
  const changes = parseInput(ProfilePatch, patch);
  const member = await loadPresent(orgId, memberId);
  if (member.status !== "active") {
    throw Errors.conflict("not_active", "Only active members can change their profile.");
  }
  if (Object.keys(changes).length === 0) return get(orgId, memberId);
  const { holiday, mastodonServer, mail, ...rest } = changes;
  // A value set to null is removed (a map, like the holiday, cannot be set to null).
  const cleared = (["holiday", "mastodonServer"] as const).filter((key) => changes[key] === null);
  const searchText =
    changes.displayName === undefined
      ? {}
      : { searchText: searchTextOf(member.email, changes.displayName) };
  try {
    const patch = memberService()
      .member.patch({ orgId, memberId })
      .set({
        ...rest,
        ...searchText,
        ...(holiday ? { holiday } : {}),
        ...(mastodonServer ? { mastodonServer } : {}),
        ...(mail ? { mail: { ...member.mail, ...mail } } : {}),
      });
    await (cleared.length > 0 ? patch.remove(cleared) : patch)
      .where((attributes, op) => op.eq(attributes.status, "active"))
      .go({ response: "none" });
  } catch (error) {
    if (isConditionalCheckFailure(error)) {
      throw Errors.conflict("not_active", "Only active members can change their profile.");
    }
    throw error;
  }
  return get(orgId, memberId);
}
