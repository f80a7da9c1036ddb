import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity, Service } from "electrodb";
import { TableDefinition } from "../dynamo/table-definition";
import { Runtime } from "../runtime";

const primary = {
  pk: TableDefinition.partitionKey,
  sk: TableDefinition.sortKey,
} as const;

/**
 * Counters and the checkpoints that make applying them exact live in one service, so one
 * transaction can add to counters and move a checkpoint together.
 */
function counterEntity(config: { table: string; client: DynamoDBDocumentClient }) {
  return new Entity(
    {
      model: { entity: "dailyCounter", version: "1", service: "sprida" },
      attributes: {
        orgId: { type: "string", required: true },
        day: { type: "string", required: true },
        metric: { type: "string", required: true },
        value: { type: "number", required: true, default: 0 },
      },
      indexes: {
        byOrgDay: {
          pk: { field: primary.pk, composite: ["orgId"] },
          sk: { field: primary.sk, composite: ["day", "metric"] },
        },
      },
    },
    config,
  );
}

function checkpointEntity(config: { table: string; client: DynamoDBDocumentClient }) {
  return new Entity(
    {
      model: { entity: "tallyCheckpoint", version: "1", service: "sprida" },
      attributes: {
        partition: { type: "string", required: true },
        /** A stream sequence number: a decimal string compared as BigInt, never as text. */
        lastSequence: { type: "string", required: true },
      },
      indexes: {
        byPartition: {
          pk: { field: primary.pk, composite: ["partition"] },
          sk: { field: primary.sk, composite: [] },
        },
      },
    },
    config,
  );
}

export const tallyService = Runtime.perRuntime((runtime) => {
  const config = { table: runtime.tableName, client: runtime.document };
  const counter = counterEntity(config);
  const checkpoint = checkpointEntity(config);
  return { counter, checkpoint, service: new Service({ counter, checkpoint }, config) };
});
