import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity, type EntityItem } from "electrodb";
import { TableDefinition } from "../dynamo";
import { Runtime } from "../runtime";

interface EntityConfig {
  table: string;
  client: DynamoDBDocumentClient;
}

const primary = { pk: TableDefinition.partitionKey, sk: TableDefinition.sortKey } as const;

/**
 * The claim and record of one job unit: (job, organisation, period), in the organisation's
 * partition. `running` with `claimedUntil` while a runner holds it, `failed` when its run
 * threw (anyone may take it again), `done` with the result once it ran: a later run of the
 * same unit is a no-op. `attempts` counts the claims taken. Kept a month (`expiresAt`, TTL),
 * longer than a dead-letter queue keeps a unit's event, so a replay still finds it done.
 */
function jobUnitEntity(config: EntityConfig) {
  return new Entity(
    {
      model: { entity: "jobUnit", version: "1", service: "sprida" },
      attributes: {
        orgId: { type: "string", required: true, readOnly: true },
        job: { type: "string", required: true, readOnly: true },
        period: { type: "string", required: true, readOnly: true },
        status: { type: ["running", "done", "failed"] as const, required: true },
        /** Names the claim's holder, so only it records the outcome. */
        claimId: { type: "string", required: true },
        claimedAt: { type: "string", required: true },
        claimedUntil: { type: "string", required: true },
        attempts: { type: "number", required: true },
        finishedAt: { type: "string" },
        result: { type: "any" },
        error: { type: "any" },
        expiresAt: { type: "number", required: true },
      },
      indexes: {
        byOrg: {
          pk: { field: primary.pk, composite: ["orgId"] },
          sk: { field: primary.sk, composite: ["job", "period"] },
        },
      },
    },
    config,
  );
}

export const jobUnitEntityFor = Runtime.perRuntime((runtime) =>
  jobUnitEntity({ table: runtime.tableName, client: runtime.document }),
);

export type JobUnitItem = EntityItem<ReturnType<typeof jobUnitEntityFor>>;
