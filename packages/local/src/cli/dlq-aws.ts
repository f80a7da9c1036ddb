import {
  awsDeadLetterClients,
  classifyQueues,
  replayDeadLetters,
  stageDeadLetterQueues,
} from "../dead-letters";

export const AWS_USAGE = `       npm run dlq -- --stage <stage> [--region <region>] list
       npm run dlq -- --stage <stage> [--region <region>] replay <queue> [--max N] [--dry-run]
         <queue>: ${stageDeadLetterQueues("stage")
           .map(({ id }) => id)
           .join(", ")}`;

/**
 * `npm run dlq -- --stage …`: a deployed stage's dead-letter queues, with the operator's AWS
 * credentials (packages/local/src/dead-letters; runbook in docs/operations-dead-letters.md).
 */
export async function awsDeadLetters(
  stage: string,
  region: string,
  [command, queueId]: string[],
  options: { max: number; dryRun: boolean },
): Promise<number> {
  const clients = awsDeadLetterClients(region);
  if (command === "list") {
    const depths = await clients.queueDepths(stage);
    const { known, unknown } = classifyQueues(
      stage,
      depths.map(({ queueName }) => queueName),
    );
    for (const queue of known) {
      const depth = depths.find(({ queueName }) => queueName === queue.queueName);
      const inFlight = depth?.inFlight ? ` (${depth.inFlight} being handled)` : "";
      console.log(
        `${queue.id.padEnd(16)} ${String(depth?.visible ?? 0).padStart(6)} message(s)${inFlight}  ${queue.queueName}`,
      );
    }
    const missing = stageDeadLetterQueues(stage).filter((queue) => !known.includes(queue));
    for (const queue of missing)
      console.log(`${queue.id.padEnd(16)}      - no such queue: ${queue.queueName}`);
    for (const name of unknown)
      console.log(`(unknown)        ${name}: no definition in this checkout`);
    return missing.length > 0 || unknown.length > 0 ? 1 : 0;
  }
  if (command === "replay" && queueId) {
    const queue = stageDeadLetterQueues(stage).find(({ id }) => id === queueId);
    if (!queue) {
      console.error(
        `No dead-letter queue "${queueId}". Known: ${stageDeadLetterQueues(stage)
          .map(({ id }) => id)
          .join(", ")}`,
      );
      return 2;
    }
    console.log(
      `${options.dryRun ? "Dry run: reading" : "Replaying"} up to ${options.max} message(s) of ${queue.queueName} into ${queue.functionName}…`,
    );
    const summary = await replayDeadLetters(
      queue,
      clients,
      { max: options.max, dryRun: options.dryRun, awsRegion: region },
      (line) => console.log(line),
    );
    console.log(
      `${summary.replayed} replayed, ${summary.failed} failed, ${summary.expired} expired` +
        (options.dryRun ? `, ${summary.wouldReplay} would be replayed (nothing changed)` : ""),
    );
    return summary.failed > 0 || summary.expired > 0 ? 1 : 0;
  }
  return 2;
}
