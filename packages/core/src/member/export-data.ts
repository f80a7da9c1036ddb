import { Audit, type AuditEntry } from "../audit";
import { type Guidelines, Org } from "../org";
import { Person } from "../person";
import { Runtime } from "../runtime";
import type { Member } from "./member.schema";
import { get } from "./read";

/** A type alias rather than an interface, so it passes as a plain JSON record. */
export type MemberExport = {
  exportedAt: string;
  organisation: { orgId: string; name: string };
  person: { personId: string; email: string; createdAt: string } | null;
  membership: Member;
  /** The text of the guidelines version the member accepted. */
  acceptedGuidelines: Guidelines | null;
  /** Admin actions concerning the member, oldest first. */
  auditEntries: AuditEntry[];
};

/** Everything held about the member in this organisation, as JSON (their right to a copy). */
export async function exportData(orgId: string, memberId: string): Promise<MemberExport> {
  const membership = await get(orgId, memberId);
  const [org, person, auditEntries, acceptedGuidelines] = await Promise.all([
    Org.get(orgId),
    Person.find(membership.personId),
    Audit.listForTarget(orgId, memberId),
    membership.guidelinesAccepted
      ? Org.guidelinesVersion(orgId, membership.guidelinesAccepted.version)
      : Promise.resolve(null),
  ]);
  return {
    exportedAt: Runtime.use().now().toISOString(),
    organisation: { orgId: org.orgId, name: org.name },
    person: person ?? null,
    membership,
    acceptedGuidelines,
    auditEntries,
  };
}
