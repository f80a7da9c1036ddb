import { Entity } from "electrodb";
import { TableDefinition } from "../dynamo";
import { Runtime } from "../runtime";

/**
 * One weekly e-mail to one member for one week: written under a condition before it is sent,
 * marked after, so a rerun or a retried batch never sends it twice.
 */
export const sendRecordEntity = Runtime.perRuntime(
  (runtime) =>
    new Entity(
      {
        model: { entity: "weeklySend", version: "1", service: "sprida" },
        attributes: {
          orgId: { type: "string", required: true, readOnly: true },
          /** The ISO week the e-mail reports ("2026-W48"). */
          week: { type: "string", required: true, readOnly: true },
          kind: { type: ["admin-report", "digest"] as const, required: true, readOnly: true },
          memberId: { type: "string", required: true, readOnly: true },
          /**
           * sending: claimed, the send's outcome unknown until marked; sent; failed: SES
           * refused it and the claim was given back (a retry sends it); skipped: nothing to
           * send or a suppressed address.
           */
          state: { type: ["sending", "sent", "failed", "skipped"] as const, required: true },
          at: { type: "string", required: true },
          messageId: { type: "string" },
          note: { type: "string" },
          /** Epoch seconds (TTL): the records of a week are kept for a year. */
          expiresAt: { type: "number", required: true },
        },
        indexes: {
          byWeek: {
            pk: {
              field: TableDefinition.partitionKey,
              composite: ["orgId", "week", "kind"],
              casing: "none",
            },
            sk: { field: TableDefinition.sortKey, composite: ["memberId"], casing: "none" },
          },
        },
      },
      { table: runtime.tableName, client: runtime.document },
    ),
);
