/**
 * ElectroDB's item layout, for the few modules that read and write items without it (the
 * redirect's lean store, `*.lean.ts`): every item carries its entity's name and version, and
 * its keys are the entity's key templates filled in. Each lean module has a contract test
 * against its ElectroDB entity, so a key that drifts from the entity's fails there.
 */

import { TableDefinition } from "./table-definition";

/** The table's key of an item. */
export const tableKey = (pk: string, sk: string) => ({
  [TableDefinition.partitionKey]: pk,
  [TableDefinition.sortKey]: sk,
});

/** ElectroDB's `create`: the put succeeds only where no item has the key yet. */
export const IS_NEW = {
  ConditionExpression: "attribute_not_exists(#pk) AND attribute_not_exists(#sk)",
  ExpressionAttributeNames: { "#pk": TableDefinition.partitionKey, "#sk": TableDefinition.sortKey },
};

/** The identifiers ElectroDB writes on each item and checks on every read. */
export const identifiers = (entity: string, version: string) => ({
  __edb_e__: entity,
  __edb_v__: version,
});

/** Whether an item read from the table belongs to this entity and version (as ElectroDB checks). */
export function belongsTo(item: Record<string, unknown>, entity: string, version: string): boolean {
  return item.__edb_e__ === entity && item.__edb_v__ === version;
}

/** `casing: "default"` lower-cases the whole key; `"none"` keeps it as written. */
type Casing = "default" | "none";
type Facets = readonly (readonly [name: string, value: string])[];

const facets = (values: Facets) => values.map(([name, value]) => `#${name}_${value}`).join("");
const cased = (key: string, casing: Casing) => (casing === "none" ? key : key.toLowerCase());

/** A partition key: `$<service>#<attribute>_<value>...`. */
export function partitionKey(service: string, values: Facets, casing: Casing): string {
  return cased(`$${service}${facets(values)}`, casing);
}

/** A sort key: `$<entity>_<version>#<attribute>_<value>...`. */
export function sortKey(entity: string, version: string, values: Facets, casing: Casing): string {
  return cased(`$${entity}_${version}${facets(values)}`, casing);
}
