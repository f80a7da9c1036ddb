import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity, type EntityItem, Service } from "electrodb";
import { auditEntryEntity } from "../audit";
import { TableDefinition } from "../dynamo";
import { Runtime } from "../runtime";

interface EntityConfig {
  table: string;
  client: DynamoDBDocumentClient;
}

const primary = { pk: TableDefinition.partitionKey, sk: TableDefinition.sortKey } as const;
const { gsi1, gsi2 } = TableDefinition.globalIndexes;

/** The one gsi1 partition that holds every pending delivery, the earliest due first. */
export const DUE_GROUP = "webhookDeliveries";

/**
 * An endpoint of an organisation, in the organisation's partition: the stream consumer reads
 * an organisation's webhooks with one query per event. The secret is stored sealed (Keyring,
 * see webhook-secret.ts), and only this domain ever opens it.
 */
function webhookEntity(config: EntityConfig) {
  return new Entity(
    {
      model: { entity: "webhook", version: "1", service: "sprida" },
      attributes: {
        orgId: { type: "string", required: true, readOnly: true },
        webhookId: { type: "string", required: true, readOnly: true },
        url: { type: "string", required: true },
        events: { type: "list", items: { type: "string" }, required: true },
        description: { type: "string" },
        enabled: { type: "boolean", required: true },
        /** Sealed; a `whsec_…` plaintext in webhooks written before sealing. */
        secret: { type: "string", required: true },
        /** The secret a rotation replaced, sealed: it signs beside the new one until... */
        previousSecret: { type: "string" },
        /** ...this instant (ISO); both are dropped at the next write after it. */
        previousSecretExpiresAt: { type: "string" },
        createdBy: { type: "string", required: true, readOnly: true },
        createdAt: { type: "string", required: true, readOnly: true },
        updatedAt: { type: "string", required: true },
        /** Optimistic lock: every change is conditional on the revision it read. */
        revision: { type: "number", required: true },
      },
      indexes: {
        byOrg: {
          pk: { field: primary.pk, composite: ["orgId"] },
          sk: { field: primary.sk, composite: ["webhookId"] },
        },
      },
    },
    config,
  );
}

/**
 * One event for one webhook, keyed by both: created conditionally, so a replayed stream
 * record finds it and sends nothing again. It carries its attempts (the delivery log) and
 * the payload's `data` (no visitor data by construction), so a retry rebuilds the same body.
 *
 * gsi1 (`due`) holds only pending deliveries (the index's condition), in one partition
 * sorted by `nextAttemptAt`: the retry job reads what is due with one query, without a scan.
 * gsi2 (`recent`) lists one webhook's deliveries newest first. `expiresAt` lets DynamoDB
 * drop the log after 30 days; nothing relies on it.
 */
function deliveryEntity(config: EntityConfig) {
  return new Entity(
    {
      model: { entity: "webhookDelivery", version: "1", service: "sprida" },
      attributes: {
        orgId: { type: "string", required: true, readOnly: true },
        webhookId: { type: "string", required: true, readOnly: true },
        eventId: { type: "string", required: true, readOnly: true },
        deliveryId: { type: "string", required: true, readOnly: true },
        type: { type: "string", required: true, readOnly: true },
        occurredAt: { type: "string", required: true, readOnly: true },
        data: { type: "any", required: true, readOnly: true },
        status: { type: ["pending", "delivered", "failed", "dropped"] as const, required: true },
        attempts: { type: "any", required: true },
        attemptCount: { type: "number", required: true },
        /** When a pending delivery is due; kept (and ignored) once it is no longer pending. */
        nextAttemptAt: { type: "string", required: true },
        createdAt: { type: "string", required: true, readOnly: true },
        updatedAt: { type: "string", required: true },
        dueGroup: { type: "string", required: true, readOnly: true },
        /** Epoch seconds: the table's TTL attribute. */
        expiresAt: { type: "number", required: true },
      },
      indexes: {
        byWebhook: {
          pk: { field: primary.pk, composite: ["orgId", "webhookId"] },
          sk: { field: primary.sk, composite: ["eventId"] },
        },
        due: {
          index: "gsi1",
          condition: (attributes) => attributes.status === "pending",
          pk: { field: gsi1.partitionKey, composite: ["dueGroup"] },
          sk: { field: gsi1.sortKey, composite: ["nextAttemptAt"] },
        },
        recent: {
          index: "gsi2",
          pk: { field: gsi2.partitionKey, composite: ["orgId", "webhookId"] },
          sk: { field: gsi2.sortKey, composite: ["createdAt", "eventId"] },
        },
      },
    },
    config,
  );
}

/** Webhooks and their audit entries are written together. */
export const webhookService = Runtime.perRuntime((runtime) => {
  const config = { table: runtime.tableName, client: runtime.document };
  const webhook = webhookEntity(config);
  const delivery = deliveryEntity(config);
  const audit = auditEntryEntity(config);
  return { webhook, delivery, service: new Service({ webhook, audit }, config) };
});

type WebhookService = ReturnType<typeof webhookService>;
export type WebhookItem = EntityItem<WebhookService["webhook"]>;
export type DeliveryItem = EntityItem<WebhookService["delivery"]>;
export type WebhookTransaction = Parameters<
  Parameters<WebhookService["service"]["transaction"]["write"]>[0]
>[0];
