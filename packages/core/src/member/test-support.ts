import { randomUUID } from "node:crypto";
import { Org, type OrganisationInput } from "../org";
import { acceptInvite } from "./accept";
import { invite } from "./invite";
import type { MembershipRef, Role } from "./member.schema";
import { SYSTEM_ACTOR } from "./member.schema";

/** Builders shared by this domain's tests (not a test file itself). */

/** A clock tests move by hand; give `now` to `provideTestRuntime`. */
export function testClock(start = "2026-03-10T09:00:00.000Z") {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (at: string) => {
      current = new Date(at);
    },
    advance: (ms: number) => {
      current = new Date(current.getTime() + ms);
    },
  };
}

export const uniqueEmail = (label = "someone") =>
  `${label}-${randomUUID().slice(0, 12)}@example.test`;

export async function newOrg(overrides: Partial<OrganisationInput> = {}) {
  return Org.create({
    name: `Org ${randomUUID().slice(0, 8)}`,
    locale: "en",
    timeZone: "Europe/Stockholm",
    guidelines: "Be kind. Be honest.",
    ...overrides,
  });
}

/** Invites (as the system) and accepts the current guidelines: an active member. */
export async function join(
  orgId: string,
  role: Role = "member",
  options: { email?: string; displayName?: string } = {},
): Promise<MembershipRef & { email: string }> {
  const email = options.email ?? uniqueEmail(role);
  const { inviteToken } = await invite({
    orgId,
    email,
    role,
    displayName: options.displayName ?? `A ${role}`,
    invitedBy: SYSTEM_ACTOR,
  });
  const version = (await Org.get(orgId)).guidelines?.version ?? 1;
  const ref = await acceptInvite({ token: inviteToken, guidelinesVersion: version });
  return { ...ref, email: email.toLowerCase() };
}
