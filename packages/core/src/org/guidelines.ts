import { auditItem } from "../audit/audit";
import { Errors } from "../error";
import { parseInput } from "../error/parse-input";
import { Runtime } from "../runtime";
import type { AuditedBy } from "./org";
import { get } from "./org";
import { orgService } from "./org.entity";
import { Guidelines, GuidelinesText } from "./org.schema";

const MAX_ATTEMPTS = 5;

/**
 * Publishes a new version of the social media guidelines. Versions only grow: the history
 * item is created under a condition that its version is new, and the organisation's current
 * version moves under a condition on the version read, so two publishers cannot both get
 * the same number (the loser reads again and takes the next).
 */
export async function publishGuidelines(
  orgId: string,
  text: string,
  audited?: AuditedBy,
): Promise<Guidelines> {
  const body = parseInput(GuidelinesText, text);
  for (let attempt = 1; ; attempt++) {
    const org = await get(orgId);
    const previous = org.guidelines?.version;
    const guidelines = {
      version: (previous ?? 0) + 1,
      text: body,
      publishedAt: Runtime.use().now().toISOString(),
    };
    const result = await orgService()
      .service.transaction.write(({ organisation, guidelines: history, audit }) => [
        history.create({ orgId, ...guidelines }).commit(),
        organisation
          .patch({ orgId })
          .set({ guidelines, updatedAt: guidelines.publishedAt })
          .where((attributes, op) =>
            previous === undefined
              ? op.notExists(attributes.guidelines)
              : op.eq(attributes.guidelines.version, previous),
          )
          .commit(),
        ...(audited
          ? [
              audit
                .create(
                  auditItem({
                    orgId,
                    actorMemberId: audited.actorMemberId,
                    action: "org.guidelines_published",
                    details: { version: guidelines.version },
                  }),
                )
                .commit(),
            ]
          : []),
      ])
      .go();
    if (!result.canceled) return Guidelines.parse(guidelines);
    if (attempt >= MAX_ATTEMPTS) {
      throw Errors.conflict(
        "guidelines_busy",
        "The guidelines were published by someone else at the same time. Try again.",
      );
    }
  }
}

/** A published version, current or past: what a member accepted stays readable. */
export async function guidelinesVersion(orgId: string, version: number): Promise<Guidelines> {
  const { data } = await orgService().guidelines.get({ orgId, version }).go({ consistent: true });
  if (!data) {
    throw Errors.notFound("guidelines_not_found", "This version of the guidelines does not exist.");
  }
  return Guidelines.parse({
    version: data.version,
    text: data.text,
    publishedAt: data.publishedAt,
  });
}
