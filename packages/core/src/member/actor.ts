import { Errors } from "../error";
import { type Info as Member, type MembershipRef, ROLE_RANK, type Role } from "./member.schema";
import { loadMember, type PresentMember, publicMember, toMember } from "./read";

/**
 * The one way a domain learns who acts: the member as stored now, not as the session
 * remembers it, so a role removed or a member deactivated a moment ago no longer acts. The
 * organisation is the actor's. Undefined unless active and still the session's person.
 */
async function presentActor(actor: MembershipRef): Promise<PresentMember | undefined> {
  const item = await loadMember(actor.orgId, actor.memberId);
  const current = item && item.status === "active" ? toMember(item) : undefined;
  return current?.personId === actor.personId ? current : undefined;
}

/** The acting member, any role. */
export async function loadActor(actor: MembershipRef): Promise<Member> {
  const current = await presentActor(actor);
  if (!current) {
    throw Errors.forbidden("not_active", "Only active members of this organisation can do this.");
  }
  return publicMember(current);
}

/** The acting admin (or owner). */
export async function loadAdmin(actor: MembershipRef): Promise<PresentMember> {
  const current = await presentActor(actor);
  if (!current || ROLE_RANK[current.role] < ROLE_RANK.admin) {
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
