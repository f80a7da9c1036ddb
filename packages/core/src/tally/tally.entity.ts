import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity, type EntityItem, Service } from "electrodb";
import { TableDefinition } from "../dynamo";
import { Runtime } from "../runtime";
import { Dimension } from "./dimensions";
import { METRICS } from "./metrics";

interface EntityConfig {
  table: string;
  client: DynamoDBDocumentClient;
}

const primary = { pk: TableDefinition.partitionKey, sk: TableDefinition.sortKey } as const;

const metricAttributes = Object.fromEntries(
  METRICS.map((metric) => [metric, { type: "number" } as const]),
) as Record<(typeof METRICS)[number], { type: "number" }>;

/**
 * A day's counts for one key of one dimension. Rows of a dimension share a partition, sorted
 * by day then key, so "every content item from Monday to Sunday" is one query. No GSI: each
 * index an item sits in is written again, and counters are the most written items there are.
 */
function counterEntity(config: EntityConfig) {
  return new Entity(
    {
      model: { entity: "dailyCounter", version: "2", service: "sprida" },
      attributes: {
        orgId: { type: "string", required: true, readOnly: true },
        dimension: { type: Dimension.options, required: true, readOnly: true },
        key: { type: "string", required: true, readOnly: true },
        day: { type: "string", required: true, readOnly: true },
        ...metricAttributes,
        /**
         * On `link` rows only: one element per unique visitor who earned click points that
         * day, "<address hash>.<n>" for the n-th from that address, so the tally can cap them
         * per address (see points-policy.ts). A set, so adding an element twice changes nothing.
         */
        pointAddresses: { type: "set", items: "string" },
      },
      indexes: {
        byDimensionDay: {
          pk: { field: primary.pk, composite: ["orgId", "dimension"], casing: "none" },
          sk: { field: primary.sk, composite: ["day", "key"], casing: "none" },
        },
      },
    },
    config,
  );
}

/**
 * A member's totals for a period ("week:2026-W48" or "all"; a month is summed from the
 * member's daily counter rows, see periods.ts): a period's leaderboard is one query. The "all" row carries a revision the tally conditions
 * on, so badges (awarded when a total crosses a threshold) see exact totals.
 */
function memberTotalEntity(config: EntityConfig) {
  return new Entity(
    {
      model: { entity: "memberTotal", version: "1", service: "sprida" },
      attributes: {
        orgId: { type: "string", required: true, readOnly: true },
        period: { type: "string", required: true, readOnly: true },
        memberId: { type: "string", required: true, readOnly: true },
        revision: { type: "number" },
        ...metricAttributes,
      },
      indexes: {
        byPeriod: {
          pk: { field: primary.pk, composite: ["orgId", "period"], casing: "none" },
          sk: { field: primary.sk, composite: ["memberId"], casing: "none" },
        },
      },
    },
    config,
  );
}

/**
 * A ledger partition's totals and its checkpoint: the sequence number of the last record
 * applied (compared as BigInt). For a link (`link_<code>`) it also says whether the tally has
 * counted the share as confirmed. Every batch writes this row anyway, so the checkpoint
 * costs nothing extra (see apply-batch.ts for why it is per partition).
 */
function partitionTallyEntity(config: EntityConfig) {
  return new Entity(
    {
      model: { entity: "partitionTally", version: "1", service: "sprida" },
      attributes: {
        partition: { type: "string", required: true, readOnly: true },
        orgId: { type: "string", required: true },
        lastSequence: { type: "string", required: true },
        confirmed: { type: "boolean" },
        ...metricAttributes,
      },
      indexes: {
        byPartition: {
          pk: { field: primary.pk, composite: ["partition"], casing: "none" },
          sk: { field: primary.sk, composite: [], casing: "none" },
        },
      },
    },
    config,
  );
}

/**
 * Something a member earned once: share points for a content item (kind "share_points",
 * key contentId) or a badge (kind "badge", key badge id). Written with a condition that it
 * does not exist, so two racing batches cannot award it twice.
 */
function memberAwardEntity(config: EntityConfig) {
  return new Entity(
    {
      model: { entity: "memberAward", version: "1", service: "sprida" },
      attributes: {
        orgId: { type: "string", required: true, readOnly: true },
        memberId: { type: "string", required: true, readOnly: true },
        kind: { type: ["share_points", "badge"] as const, required: true, readOnly: true },
        key: { type: "string", required: true, readOnly: true },
        awardedAt: { type: "string", required: true },
        /** The ledger event that earned it. */
        eventId: { type: "string", required: true },
      },
      indexes: {
        byMember: {
          pk: { field: primary.pk, composite: ["orgId", "memberId"], casing: "none" },
          sk: { field: primary.sk, composite: ["kind", "key"], casing: "none" },
        },
      },
    },
    config,
  );
}

/** Everything one tally transaction writes, in one service. */
export const tallyService = Runtime.perRuntime((runtime) => {
  const config = { table: runtime.tableName, client: runtime.document };
  const counter = counterEntity(config);
  const memberTotal = memberTotalEntity(config);
  const partitionTally = partitionTallyEntity(config);
  const award = memberAwardEntity(config);
  return {
    counter,
    memberTotal,
    partitionTally,
    award,
    service: new Service({ counter, memberTotal, partitionTally, award }, config),
  };
});

type TallyService = ReturnType<typeof tallyService>;
export type CounterItem = EntityItem<TallyService["counter"]>;
export type MemberTotalItem = EntityItem<TallyService["memberTotal"]>;
export type PartitionTallyItem = EntityItem<TallyService["partitionTally"]>;
export type AwardItem = EntityItem<TallyService["award"]>;
export type TallyTransaction = Parameters<
  Parameters<TallyService["service"]["transaction"]["write"]>[0]
>[0];
/** An item of a tally transaction, as a consumer adds it (see consumer.ts). */
export type TallyWriteItem = ReturnType<ReturnType<TallyTransaction["award"]["create"]>["commit"]>;
/** Set elements a consumer adds to a counter row the counting core writes anyway. */
export type CounterSetAdditions = Partial<Pick<CounterItem, "pointAddresses">>;
