import { auditWrite } from "../audit";
import { retryOnConflict, TRY_AGAIN } from "../dynamo";
import { Errors, parseInput } from "../error";
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
  // The loser of a race reads the new version at once and takes the next number.
  return retryOnConflict(
    async () => {
      const org = await get(orgId);
      const previous = org.guidelines?.version;
      const guidelines = {
        version: (previous ?? 0) + 1,
        text: body,
        publishedAt: Runtime.use().now().toISOString(),
      };
      const result = await orgService()
        .service.transaction.write((tx) => [
          tx.guidelines.create({ orgId, ...guidelines }).commit(),
          tx.organisation
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
                auditWrite(tx, {
                  orgId,
                  actorMemberId: audited.actorMemberId,
                  action: "org.guidelines_published",
                  details: { version: guidelines.version },
                }),
              ]
            : []),
        ])
        .go();
      return result.canceled ? TRY_AGAIN : Guidelines.parse(guidelines);
    },
    {
      attempts: MAX_ATTEMPTS,
      pauseMs: 0,
      conflict: () =>
        Errors.conflict(
          "guidelines_busy",
          "The guidelines were published by someone else at the same time. Try again.",
        ),
    },
  );
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
