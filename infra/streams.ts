import { StreamConsumers } from "@sprida/functions/streams";
import { Duration } from "aws-cdk-lib";
import * as lambda from "aws-cdk-lib/aws-lambda";
import { SqsDlq } from "aws-cdk-lib/aws-lambda-event-sources";
import { NagSuppressions } from "cdk-nag";
import { type StackContext, use } from "sst/constructs";
import { Alerts } from "./alerts";
import { Bus } from "./bus";
import { deadLetterQueue } from "./dead-letter";
import { handlerFunction } from "./function";
import { suppressSstStackInternals } from "./nag";
import { pascalCase } from "./stage";
import { Storage } from "./storage";

/**
 * For every consumer of StreamConsumers, an event source mapping on the table's stream with the
 * consumer's batching, filters and retry limits, partial batch responses (the handler reports
 * the first record it could not apply) and an on-failure queue with an alarm. The on-failure
 * queue receives a description of the batch (shard, sequence numbers), not the records: they
 * stay in the stream for 24 hours.
 */
export function Streams({ stack }: StackContext) {
  const { topic } = use(Alerts);
  const { table, keyring } = use(Storage);
  const { bus } = use(Bus);

  for (const consumer of StreamConsumers) {
    const id = pascalCase(consumer.id);
    const failures = deadLetterQueue(stack, `${id}FailureQueue`, {
      name: `${consumer.id}-failures`,
      holds: `stream batches consumer "${consumer.id}" failed on after its retries`,
      alerts: topic,
    });
    const handler = handlerFunction(
      stack,
      `${id}Consumer`,
      { table, bus, keyring },
      {
        handler: consumer.handler,
        access: consumer,
        description: consumer.description,
        timeout: consumer.timeoutSeconds,
      },
    );
    table.addConsumers(stack, {
      [consumer.id]: {
        function: handler,
        // SST turns each into a FilterCriteria filter { Pattern: JSON.stringify(filter) }.
        filters: consumer.filters,
        cdk: {
          eventSource: {
            startingPosition: lambda.StartingPosition.TRIM_HORIZON,
            batchSize: consumer.batchSize,
            maxBatchingWindow: Duration.seconds(consumer.maximumBatchingWindowSeconds),
            retryAttempts: consumer.maximumRetryAttempts,
            maxRecordAge: Duration.seconds(consumer.maximumRecordAgeSeconds),
            bisectBatchOnError: consumer.bisectBatchOnError,
            parallelizationFactor: consumer.parallelizationFactor,
            reportBatchItemFailures: true,
            onFailure: new SqsDlq(failures),
          },
        },
      },
    });
    NagSuppressions.addResourceSuppressions(failures, [
      {
        id: "AwsSolutions-SQS3",
        reason:
          "This queue is the on-failure destination of the stream's event source mapping, i.e. " +
          "a dead-letter queue; cdk-nag only recognises DLQs named in a redrive policy, a Lambda " +
          "DeadLetterConfig or an EventBridge target. Nothing consumes it automatically, so it " +
          "needs no DLQ of its own; an alarm fires when it holds a message.",
      },
    ]);
    NagSuppressions.addResourceSuppressions(
      handler,
      [
        {
          id: "AwsSolutions-IAM5",
          reason:
            "dynamodb:ListStreams supports no resource-level permission (its resource must be " +
            "*); it is part of CDK's stream-read grant for the event source mapping. Reading " +
            "records is limited to this table's stream ARN.",
          appliesTo: ["Resource::*"],
        },
      ],
      true,
    );
  }

  suppressSstStackInternals(stack);
  return {};
}
