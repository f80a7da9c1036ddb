import { Entity } from "electrodb";
import { TableDefinition } from "../dynamo";
import { Runtime } from "../runtime";

/**
 * "This visitor hash is this member's today": written when the member takes their share
 * link, read when one of their links' clicks is recorded. In the member's partition; the
 * visitor is base64url, so keys keep their case.
 */
export const memberVisitorEntity = Runtime.perRuntime(
  (runtime) =>
    new Entity(
      {
        model: { entity: "memberVisitor", version: "1", service: "sprida" },
        attributes: {
          orgId: { type: "string", required: true, readOnly: true },
          memberId: { type: "string", required: true, readOnly: true },
          day: { type: "string", required: true, readOnly: true },
          visitor: { type: "string", required: true, readOnly: true },
          createdAt: { type: "string", required: true, readOnly: true },
          expiresAt: { type: "number", required: true, readOnly: true },
        },
        indexes: {
          byMember: {
            pk: {
              field: TableDefinition.partitionKey,
              composite: ["orgId", "memberId"],
              casing: "none",
            },
            sk: {
              field: TableDefinition.sortKey,
              composite: ["day", "visitor"],
              casing: "none",
            },
          },
        },
      },
      { table: runtime.tableName, client: runtime.document },
    ),
);
