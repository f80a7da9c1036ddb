import type { StreamConsumer } from "@sprida/core/event";
import { EventRules } from "@sprida/functions/events";
import { JobUnitRule, Schedules } from "@sprida/functions/jobs";
import { StreamConsumers } from "@sprida/functions/streams";
import { pascalCase } from "../../../../infra/stage";

/**
 * A deployed stage's dead-letter queue and the function its messages go back to. The names
 * are the stacks' own (`app.logicalPrefixedName`, "<stage>-sprida-<name>"): the queues of
 * infra/dead-letter.ts, the functions of infra/function.ts.
 */
export type DeadLetterQueue =
  | { id: string; kind: "rule"; queueName: string; functionName: string }
  | {
      id: string;
      kind: "stream";
      queueName: string;
      functionName: string;
      consumer: StreamConsumer;
    };

const named = (stage: string, name: string) => `${stage}-sprida-${name}`;

/** Every dead-letter queue a stage has, from the shared definitions the stacks are made of. */
export function stageDeadLetterQueues(stage: string): DeadLetterQueue[] {
  const rule = (id: string, constructSuffix: string): DeadLetterQueue => ({
    id,
    kind: "rule",
    queueName: named(stage, `${id}-dlq`),
    functionName: named(stage, `${pascalCase(id)}${constructSuffix}`),
  });
  return [
    // infra/bus.ts and infra/jobs.ts (addEventRule's handler ids), infra/jobs.ts (schedules).
    ...EventRules.map(({ id }) => rule(id, "Handler")),
    rule(JobUnitRule.id, "Runner"),
    ...Schedules.map(({ id }) => rule(id, "Job")),
    // infra/streams.ts: the on-failure queue of each stream consumer.
    ...StreamConsumers.map(
      (consumer): DeadLetterQueue => ({
        id: consumer.id,
        kind: "stream",
        queueName: named(stage, `${consumer.id}-failures`),
        functionName: named(stage, `${pascalCase(consumer.id)}Consumer`),
        consumer,
      }),
    ),
  ];
}

/** The stage's queues by name: known ones with their definition, the others reported as unknown. */
export function classifyQueues(
  stage: string,
  queueNames: readonly string[],
): { known: DeadLetterQueue[]; unknown: string[] } {
  const byName = new Map(stageDeadLetterQueues(stage).map((queue) => [queue.queueName, queue]));
  const deadLetterNames = queueNames.filter((name) => /-(dlq|failures)$/.test(name));
  return {
    known: deadLetterNames.flatMap((name) => byName.get(name) ?? []),
    unknown: deadLetterNames.filter((name) => !byName.has(name)),
  };
}
