import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity, type EntityItem } from "electrodb";
import { TableDefinition } from "../dynamo";
import { Runtime } from "../runtime";

interface EntityConfig {
  table: string;
  client: DynamoDBDocumentClient;
}

const primary = { pk: TableDefinition.partitionKey, sk: TableDefinition.sortKey } as const;

export const SUMMARY_KINDS = ["day", "week", "month", "quarter"] as const;
export type SummaryKind = (typeof SUMMARY_KINDS)[number];

/**
 * One rolled-up period of an organisation: a local day, ISO week, month or quarter, sorted by
 * period within its kind, so the months of a year are one query. A day keeps what it added
 * (`summary`) and the fingerprint of the counters it was made from (`source`), so a later
 * run sees whether they changed; a longer period keeps, per day, the fingerprint of the day
 * summary it added (`applied`), so adding a day twice is impossible and a changed day is
 * added as its difference. `version` guards each write against a concurrent one.
 */
function buildReportSummaryEntity(config: EntityConfig) {
  return new Entity(
    {
      model: { entity: "reportSummary", version: "1", service: "sprida" },
      attributes: {
        orgId: { type: "string", required: true, readOnly: true },
        kind: { type: SUMMARY_KINDS, required: true, readOnly: true },
        period: { type: "string", required: true, readOnly: true },
        /** First and last local day of the period. */
        from: { type: "string", required: true },
        to: { type: "string", required: true },
        summary: { type: "any", required: true },
        applied: { type: "any" },
        source: { type: "string" },
        version: { type: "number", required: true },
        rolledAt: { type: "string", required: true },
      },
      indexes: {
        byKind: {
          pk: { field: primary.pk, composite: ["orgId"] },
          sk: { field: primary.sk, composite: ["kind", "period"] },
        },
      },
    },
    config,
  );
}

export const reportSummaryEntity = Runtime.perRuntime((runtime) =>
  buildReportSummaryEntity({ table: runtime.tableName, client: runtime.document }),
);

export type ReportSummaryItem = EntityItem<ReturnType<typeof buildReportSummaryEntity>>;

/**
 * How far an organisation's days are rolled up: every day up to `rolledThrough` was looked
 * at (rolled, or found without activity), so the nightly run starts after it, not at the
 * beginning of history.
 */
function buildRollupStateEntity(config: EntityConfig) {
  return new Entity(
    {
      model: { entity: "reportRollupState", version: "1", service: "sprida" },
      attributes: {
        orgId: { type: "string", required: true, readOnly: true },
        rolledThrough: { type: "string", required: true },
        updatedAt: { type: "string", required: true },
      },
      indexes: {
        byOrg: {
          pk: { field: primary.pk, composite: ["orgId"] },
          sk: { field: primary.sk, composite: [] },
        },
      },
    },
    config,
  );
}

export const rollupStateEntity = Runtime.perRuntime((runtime) =>
  buildRollupStateEntity({ table: runtime.tableName, client: runtime.document }),
);
