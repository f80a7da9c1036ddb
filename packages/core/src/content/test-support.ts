import { newEmail } from "@sprida/testing/test-members";
import { Member, SYSTEM_ACTOR } from "../member";
import type { Info as Organisation } from "../org";

/** Builders shared by this domain's tests (not a test file itself). */

/** An active curator of `topics`, invited and joined the way the product does it. */
export async function activeCurator(
  org: Organisation,
  topics: string[],
): Promise<Member.MembershipRef> {
  const { inviteToken } = await Member.invite({
    orgId: org.orgId,
    email: newEmail(),
    role: "curator",
    curatorTopics: topics,
    invitedBy: SYSTEM_ACTOR,
  });
  return Member.acceptInvite({ token: inviteToken, guidelinesVersion: 1 });
}

export const article = (overrides: Record<string, unknown> = {}) => ({
  title: "How we cut our build times in half",
  summary: "A short story from the platform team.",
  url: "https://acme.example/blog/build-times?ref=feed",
  language: "en" as const,
  topics: ["engineering"],
  ...overrides,
});
