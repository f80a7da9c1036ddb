import { Errors, parseInput } from "../error";
import { Org } from "../org";
import { type MemberItem, memberService } from "./member.entity";
import {
  DEFAULT_MAIL_CHOICES,
  DEFAULT_PRIVACY,
  ListMembersQuery,
  type ListMembersQuery as ListMembersQueryInput,
  Info as Member,
  type MemberStatus,
  MembershipRef,
} from "./member.schema";

export const notAMember = () =>
  Errors.notFound("member_not_found", "There is no such member in this organisation.");

/** The stored item, read consistently; the organisation is part of the key, so another
 * organisation's member is simply not found. */
export async function loadMember(orgId: string, memberId: string): Promise<MemberItem | undefined> {
  const { data } = await memberService().member.get({ orgId, memberId }).go({ consistent: true });
  return data ?? undefined;
}

/** A member who is in the organisation (not left), or a not-found error. */
export async function loadPresent(orgId: string, memberId: string): Promise<PresentMember> {
  const item = await loadMember(orgId, memberId);
  if (!item || item.status === "left") throw notAMember();
  return toMember(item);
}

export type PresentMember = Member & { inviteTokenHash?: string };

export function toMember(item: MemberItem): PresentMember {
  const member = Member.parse({
    ...item,
    segment: item.segment ?? {},
    channels: item.channels ?? [],
    privacy: item.privacy ?? DEFAULT_PRIVACY,
    mail: item.mail ?? DEFAULT_MAIL_CHOICES,
    curatorTopics: item.curatorTopics ?? [],
    followedTopics: item.followedTopics ?? [],
    holiday: item.holiday ?? null,
  });
  return { ...member, inviteTokenHash: item.inviteTokenHash };
}

/** The public shape: the invitation's token hash stays inside the domain. */
export function publicMember({ inviteTokenHash: _, ...member }: PresentMember): Member {
  return member;
}

export function refOf(member: Member): MembershipRef {
  return MembershipRef.parse(member);
}

export async function get(orgId: string, memberId: string): Promise<Member> {
  return publicMember(await loadPresent(orgId, memberId));
}

/** A member of the organisation (any status but left), or undefined. */
export async function find(orgId: string, memberId: string): Promise<Member | undefined> {
  const item = await loadMember(orgId, memberId);
  return item && item.status !== "left" ? publicMember(toMember(item)) : undefined;
}

/** An organisation's members, filtered; `q` matches part of the e-mail or display name. */
export async function list(
  orgId: string,
  query: ListMembersQueryInput = {},
): Promise<{ members: Member[]; cursor: string | null }> {
  const { status, role, office, unit, competenceArea, q, limit, cursor } = parseInput(
    ListMembersQuery,
    query,
  );
  try {
    const result = await memberService()
      .member.query.byOrg({ orgId })
      .where((attributes, op) =>
        [
          status
            ? op.eq(attributes.status, status as MemberStatus)
            : op.ne(attributes.status, "left"),
          role && op.eq(attributes.role, role),
          office && op.eq(attributes.segment.office, office),
          unit && op.eq(attributes.segment.unit, unit),
          competenceArea && op.eq(attributes.segment.competenceArea, competenceArea),
          q && op.contains(attributes.searchText, q.toLowerCase()),
        ]
          .filter(Boolean)
          .join(" AND "),
      )
      .go({ count: limit, cursor: cursor ?? null });
    return {
      members: result.data.map((item) => publicMember(toMember(item))),
      cursor: result.cursor,
    };
  } catch (error) {
    if (cursor) throw Errors.invalid("invalid_cursor", "The page cursor is not valid.");
    throw error;
  }
}

/**
 * A person's memberships (invited, active and deactivated; those left are gone), with each
 * organisation's name, read strongly consistently.
 */
export async function membershipsOfPerson(
  personId: string,
): Promise<(MembershipRef & { orgName: string })[]> {
  const { link, member } = memberService();
  const links = await link.query.byPerson({ personId }).go({ pages: "all", consistent: true });
  if (links.data.length === 0) return [];
  const [members, orgs] = await Promise.all([
    member
      .get(links.data.map(({ orgId, memberId }) => ({ orgId, memberId })))
      .go({ consistent: true }),
    Org.getMany(links.data.map(({ orgId }) => orgId)),
  ]);
  return members.data
    .filter((item) => item.status !== "left" && item.personId === personId)
    .map((item) => ({
      ...refOf(toMember(item)),
      orgName: orgs.get(item.orgId)?.name ?? "",
    }))
    .sort((a, b) => a.orgName.localeCompare(b.orgName));
}

/** The person's membership of one organisation, if any: two reads, for per-request checks. */
export async function membershipOf(
  personId: string,
  orgId: string,
): Promise<MembershipRef | undefined> {
  const { data } = await memberService().link.get({ personId, orgId }).go({ consistent: true });
  if (!data) return undefined;
  const item = await loadMember(orgId, data.memberId);
  if (!item || item.status === "left" || item.personId !== personId) return undefined;
  return refOf(toMember(item));
}
