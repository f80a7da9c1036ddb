import { stageDeadLetterQueues } from "@sprida/local/dead-letters";
import { beforeAll, describe, expect, test } from "vitest";
import { type SynthesizedApp, type SynthesizedStack, synthesizeApp, TEST_STAGE } from "./synth";
import { allResourcesOfType, at, refersTo } from "./template";

const SYNTH_TIMEOUT = 180_000;
let app: SynthesizedApp;
beforeAll(async () => {
  app = await synthesizeApp();
}, SYNTH_TIMEOUT);

/**
 * `npm run dlq -- --stage` finds a stage's queues and functions by name
 * (packages/local/src/dead-letters/stage-queues.ts): the names must be the stacks' own.
 */
describe("dead letters on AWS", () => {
  test("every queue and function the replay names exists in the stacks, and every queue is known", () => {
    const queueNames = allResourcesOfType(app, "AWS::SQS::Queue").map(({ properties }) =>
      String(properties.QueueName),
    );
    const functionNames = allResourcesOfType(app, "AWS::Lambda::Function").map(({ properties }) =>
      String(properties.FunctionName),
    );
    const replayed = stageDeadLetterQueues(TEST_STAGE);
    for (const queue of replayed) {
      expect(queueNames, queue.id).toContain(queue.queueName);
      expect(functionNames, queue.id).toContain(queue.functionName);
    }
    expect([...queueNames].sort()).toEqual(replayed.map(({ queueName }) => queueName).sort());
  });

  test("each rule queue is the dead-letter queue of the function it replays into", () => {
    const functions = allResourcesOfType(app, "AWS::Lambda::Function");
    const queues = allResourcesOfType(app, "AWS::SQS::Queue");
    for (const queue of stageDeadLetterQueues(TEST_STAGE).filter(({ kind }) => kind === "rule")) {
      const fn = functions.find(({ properties }) => properties.FunctionName === queue.functionName);
      const sqs = queues.find(({ properties }) => properties.QueueName === queue.queueName);
      expect(fn && sqs, queue.id).toBeTruthy();
      const target = at(fn?.properties, "DeadLetterConfig", "TargetArn");
      expect(
        refersTo(target, sqs?.stack as SynthesizedStack, sqs?.logicalId ?? "", "Arn"),
        queue.id,
      ).toBe(true);
    }
  });
});
