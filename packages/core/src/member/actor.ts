import { Errors } from "../error";
import { type MembershipRef, ROLE_RANK, type Role } from "./member.schema";
import { loadMember, type PresentMember, toMember } from "./read";

/**
 * The acting admin as stored now, not as the session remembers it: a role removed or a
 * member deactivated a moment ago no longer acts.
 */
export async function loadAdmin(actor: MembershipRef): Promise<PresentMember> {
  const item = await loadMember(actor.orgId, actor.memberId);
  const current = item && item.status === "active" ? toMember(item) : undefined;
  if (
    !current ||
    current.personId !== actor.personId ||
    ROLE_RANK[current.role] < ROLE_RANK.admin
  ) {
    throw Errors.forbidden("admin_required", "Only admins of this organisation can do this.");
  }
  return current;
}

/** Only owners make, unmake, deactivate or reactivate owners. */
export function assertMayTouchOwner(actor: { role: Role }, roles: Role[]): void {
  if (actor.role !== "owner" && roles.includes("owner")) {
    throw Errors.forbidden(
      "owner_required",
      "Only owners can do this to an owner or grant the owner role.",
    );
  }
}
