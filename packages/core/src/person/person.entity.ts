import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity, Service } from "electrodb";
import { TableDefinition } from "../dynamo";
import { Runtime } from "../runtime";

interface EntityConfig {
  table: string;
  client: DynamoDBDocumentClient;
}

const primary = { pk: TableDefinition.partitionKey, sk: TableDefinition.sortKey } as const;

/**
 * A person: one e-mail identity across organisations. `memberships` counts the membership
 * items that point at the person; memberships move it in their own transactions, so the
 * person is removed only under the condition that it is zero. Built in a function so the
 * member domain can include it in its transactions.
 */
export function personEntity(config: EntityConfig) {
  return new Entity(
    {
      model: { entity: "person", version: "1", service: "sprida" },
      attributes: {
        personId: { type: "string", required: true, readOnly: true },
        email: { type: "string", required: true },
        memberships: { type: "number" },
        createdAt: { type: "string", required: true, readOnly: true },
      },
      indexes: {
        byId: {
          pk: { field: primary.pk, composite: ["personId"] },
          sk: { field: primary.sk, composite: [] },
        },
      },
    },
    config,
  );
}

/**
 * Keyed by the normalised address: its conditional create is what makes e-mails unique.
 * Built in a function so a leave can delete the person and free the address in its transaction.
 */
export function personEmailEntity(config: EntityConfig) {
  return new Entity(
    {
      model: { entity: "personEmail", version: "1", service: "sprida" },
      attributes: {
        email: { type: "string", required: true, readOnly: true },
        personId: { type: "string", required: true, readOnly: true },
      },
      indexes: {
        byEmail: {
          pk: { field: primary.pk, composite: ["email"] },
          sk: { field: primary.sk, composite: [] },
        },
      },
    },
    config,
  );
}

export const personService = Runtime.perRuntime((runtime) => {
  const config = { table: runtime.tableName, client: runtime.document };
  const person = personEntity(config);
  const personEmail = personEmailEntity(config);
  return { person, personEmail, service: new Service({ person, personEmail }, config) };
});
