import { Member } from "@sprida/core/member";
import type { Info as Organisation } from "@sprida/core/org";
import { type DemoPerson, type DemoSharer, PEOPLE, personOf } from "./demo-people";

/** Who joins a number of days before today; today (0) also those only invited. */
export const joinedOn = (daysAgo: number) =>
  (Object.keys(PEOPLE) as DemoPerson[]).filter(
    (key) => (personOf(key).joined?.daysAgo ?? 0) === daysAgo,
  );

/**
 * Invites these people and lets those who join accept and fill in their profile, at the
 * runtime's time (so each join lands on its day's member counts). Joins go one at a time:
 * each moves the organisation's member counts, and concurrent joins would only take turns
 * through retries. A profile touches only its own member, so it is saved while the next
 * person joins.
 */
export async function seedPeople(
  org: Organisation,
  keys: readonly DemoPerson[],
): Promise<Partial<Record<DemoSharer, Member.MembershipRef>>> {
  const joined: Partial<Record<DemoSharer, Member.MembershipRef>> = {};
  const profiles: Promise<unknown>[] = [];
  for (const key of keys) {
    const person = personOf(key);
    const { inviteToken } = await Member.invite({
      orgId: org.orgId,
      email: person.email,
      role: person.role,
      displayName: person.displayName,
      segment: { office: person.office, unit: person.unit },
      curatorTopics: person.role === "curator" ? ["produkt", "hållbarhet"] : undefined,
      invitedBy: Member.SYSTEM_ACTOR,
    });
    if (!person.joined) continue;
    const ref = await Member.acceptInvite({
      token: inviteToken,
      guidelinesVersion: org.guidelines?.version ?? 1,
    });
    const { channels, named, locale } = person.joined;
    profiles.push(
      Member.updateProfile(org.orgId, ref.memberId, {
        ...(locale ? { locale } : {}),
        channels: Object.entries(channels).map(([channel, networkSize]) => ({
          channel,
          networkSize,
        })),
        privacy: { namedToAdmins: named, weeklyDigest: true },
      }),
    );
    joined[key as DemoSharer] = ref;
  }
  await Promise.all(profiles);
  return joined;
}
