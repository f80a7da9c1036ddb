import { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  paginateListQueues,
  ReceiveMessageCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import type { FunctionInvoker, QueueClient } from "./replay";

/** A queue of the stage with its approximate counts. */
export interface QueueDepth {
  queueName: string;
  visible: number;
  inFlight: number;
}

/** SQS, Lambda and DynamoDB Streams of a deployed stage, with the operator's credentials. */
export function awsDeadLetterClients(region: string) {
  const sqs = new SQSClient({ region });
  const lambda = new LambdaClient({ region });
  const urls = new Map<string, Promise<string>>();
  const urlOf = (queueName: string) => {
    let url = urls.get(queueName);
    if (url === undefined) {
      url = sqs
        .send(new GetQueueUrlCommand({ QueueName: queueName }))
        .then(({ QueueUrl }) => QueueUrl ?? Promise.reject(new Error(`No queue ${queueName}`)));
      urls.set(queueName, url);
    }
    return url;
  };

  const queues: QueueClient = {
    async receive(queueName, max, hideSeconds) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: await urlOf(queueName),
          MaxNumberOfMessages: max,
          VisibilityTimeout: hideSeconds,
          WaitTimeSeconds: 1,
        }),
      );
      return Messages.flatMap(({ MessageId, Body, ReceiptHandle }) =>
        MessageId && Body !== undefined && ReceiptHandle
          ? [{ id: MessageId, body: Body, receiptHandle: ReceiptHandle }]
          : [],
      );
    },
    async delete(queueName, receiptHandle) {
      await sqs.send(
        new DeleteMessageCommand({
          QueueUrl: await urlOf(queueName),
          ReceiptHandle: receiptHandle,
        }),
      );
    },
  };

  const functions: FunctionInvoker = {
    async invokeAsync(functionName, payload) {
      const { StatusCode } = await lambda.send(
        new InvokeCommand({
          FunctionName: functionName,
          InvocationType: "Event",
          Payload: Buffer.from(JSON.stringify(payload)),
        }),
      );
      if (StatusCode !== 202) throw new Error(`Lambda answered ${StatusCode} to the invocation`);
    },
    async invoke(functionName, payload) {
      const { FunctionError, Payload } = await lambda.send(
        new InvokeCommand({
          FunctionName: functionName,
          InvocationType: "RequestResponse",
          Payload: Buffer.from(JSON.stringify(payload)),
        }),
      );
      const text = Payload ? Buffer.from(Payload).toString("utf8") : "";
      if (FunctionError)
        throw new Error(`${functionName} failed (${FunctionError}): ${text.slice(0, 300)}`);
      return text === "" || text === "null" ? undefined : JSON.parse(text);
    },
  };

  /** The stage's queues ("<stage>-sprida-…") with their approximate message counts. */
  async function queueDepths(stage: string): Promise<QueueDepth[]> {
    const depths: QueueDepth[] = [];
    for await (const page of paginateListQueues(
      { client: sqs },
      { QueueNamePrefix: `${stage}-sprida-` },
    )) {
      for (const url of page.QueueUrls ?? []) {
        const { Attributes = {} } = await sqs.send(
          new GetQueueAttributesCommand({
            QueueUrl: url,
            AttributeNames: [
              "ApproximateNumberOfMessages",
              "ApproximateNumberOfMessagesNotVisible",
            ],
          }),
        );
        depths.push({
          queueName: url.split("/").pop() ?? url,
          visible: Number(Attributes.ApproximateNumberOfMessages ?? 0),
          inFlight: Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0),
        });
      }
    }
    return depths;
  }

  return { queues, functions, streams: new DynamoDBStreamsClient({ region }), queueDepths };
}
