import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity, Service } from "electrodb";
import { auditEntryEntity } from "../audit";
import { TableDefinition } from "../dynamo";
import { Runtime } from "../runtime";

interface EntityConfig {
  table: string;
  client: DynamoDBDocumentClient;
}

const primary = { pk: TableDefinition.partitionKey, sk: TableDefinition.sortKey } as const;

/** The organisation (tenant). Built in a function so other domains can check it in a transaction. */
export function organisationEntity(config: EntityConfig) {
  return new Entity(
    {
      model: { entity: "organisation", version: "1", service: "sprida" },
      attributes: {
        orgId: { type: "string", required: true, readOnly: true },
        name: { type: "string", required: true },
        locale: { type: ["sv", "en"] as const, required: true },
        timeZone: { type: "string", required: true },
        publicOrigin: { type: "string" },
        ownDomains: { type: "list", items: { type: "string" }, required: true },
        internalNetworks: { type: "list", items: { type: "string" }, required: true },
        settings: { type: "any", required: true },
        /** The current guidelines; every version also stays in `orgGuidelines`. */
        guidelines: {
          type: "map",
          properties: {
            version: { type: "number", required: true },
            text: { type: "string", required: true },
            publishedAt: { type: "string", required: true },
          },
        },
        createdAt: { type: "string", required: true, readOnly: true },
        updatedAt: { type: "string", required: true },
      },
      indexes: {
        byId: {
          pk: { field: primary.pk, composite: ["orgId"] },
          sk: { field: primary.sk, composite: [] },
        },
      },
    },
    config,
  );
}

/** Every published version of the guidelines, so the version a member accepted stays readable. */
function guidelinesEntity(config: EntityConfig) {
  return new Entity(
    {
      model: { entity: "orgGuidelines", version: "1", service: "sprida" },
      attributes: {
        orgId: { type: "string", required: true, readOnly: true },
        version: {
          type: "number",
          required: true,
          readOnly: true,
          padding: { length: 8, char: "0" },
        },
        text: { type: "string", required: true, readOnly: true },
        publishedAt: { type: "string", required: true, readOnly: true },
      },
      indexes: {
        byOrg: {
          pk: { field: primary.pk, composite: ["orgId"] },
          sk: { field: primary.sk, composite: ["version"] },
        },
      },
    },
    config,
  );
}

/** The one partition of the organisation directory. */
export const DIRECTORY = "organisations";

/**
 * The organisation directory: one small item per organisation (its id, time zone and weekly
 * e-mail time), all
 * in one partition, written with the organisation in the same transaction. Jobs that run at
 * each organisation's local time read it whole, in one paged query: about 100 bytes per
 * organisation, where the organisation item itself (settings, guidelines) can be kilobytes.
 */
function orgClockEntity(config: EntityConfig) {
  return new Entity(
    {
      model: { entity: "orgClock", version: "1", service: "sprida" },
      attributes: {
        directory: { type: "string", required: true, readOnly: true },
        orgId: { type: "string", required: true, readOnly: true },
        timeZone: { type: "string", required: true },
        /** When the weekly e-mails go out (settings.weeklyMail); absent on older entries. */
        weeklyMail: {
          type: "map",
          properties: { weekday: { type: "number" }, hour: { type: "number" } },
        },
      },
      indexes: {
        byDirectory: {
          pk: { field: primary.pk, composite: ["directory"] },
          sk: { field: primary.sk, composite: ["orgId"] },
        },
      },
    },
    config,
  );
}

export const orgService = Runtime.perRuntime((runtime) => {
  const config = { table: runtime.tableName, client: runtime.document };
  const organisation = organisationEntity(config);
  const guidelines = guidelinesEntity(config);
  const clock = orgClockEntity(config);
  const audit = auditEntryEntity(config);
  return {
    organisation,
    guidelines,
    clock,
    service: new Service({ organisation, guidelines, clock, audit }, config),
  };
});
