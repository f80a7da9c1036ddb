/**
 * What one DynamoDB call costs in on-demand write and read units, computed from the request
 * and the response exactly as they travelled (JSON wire form). Pure; the rules, their sources
 * and their approximations are documented at the top of meter.ts.
 */
import {
  itemSize,
  type ReadConsistency,
  readUnitsFor,
  type SizedAttributeValue,
  type SizedItem,
  writeUnitsFor,
} from "./item-size";
import { indexKeyAttributes } from "./table-definition";

export type Units = { writeUnits: number; readUnits: number };

/** How the call ended: the parsed response body, or the error's type and parsed body. */
export type CallOutcome =
  | { ok: true; output: WireObject }
  | { ok: false; errorType: string; error: WireObject };

// biome-ignore lint/suspicious/noExplicitAny: wire JSON, shapes checked where read
export type WireObject = Record<string, any>;

/** The key attributes of each global secondary index (both must be present to sit in it). */
export type IndexKeys = readonly (readonly string[])[];

export const tableGlobalIndexKeys: IndexKeys = indexKeyAttributes()
  .filter((index) => index.index !== "table")
  .map((index) => index.attributes);

const NONE: Units = { writeUnits: 0, readUnits: 0 };

const isObject = (value: unknown): value is WireObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const asItem = (value: unknown): SizedItem | undefined => (isObject(value) ? value : undefined);

const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

const isKeyValue = (value: SizedAttributeValue | undefined): boolean =>
  value !== undefined && (value.S !== undefined || value.N !== undefined || value.B !== undefined);

/** Whether an item carries every key attribute of an index, so that it sits in that index. */
export function sitsInIndex(item: SizedItem | undefined, keys: readonly string[]): boolean {
  return item !== undefined && keys.every((name) => isKeyValue(item[name]));
}

const sameIndexKey = (a: SizedItem, b: SizedItem, keys: readonly string[]): boolean =>
  keys.every((name) => JSON.stringify(a[name]) === JSON.stringify(b[name]));

/**
 * Write units a table write adds in global secondary indexes (projection ALL: an index entry
 * is as large as the item). Per index: put of the new entry, delete of the old one, or both
 * when the index key changed. Pass undefined for the side that is unknown or absent.
 */
export function indexWriteUnits(
  before: SizedItem | undefined,
  after: SizedItem | undefined,
  indexes: IndexKeys = tableGlobalIndexKeys,
): number {
  let units = 0;
  for (const keys of indexes) {
    const wasIn = before !== undefined && sitsInIndex(before, keys);
    const isIn = after !== undefined && sitsInIndex(after, keys);
    if (wasIn && isIn && sameIndexKey(before, after, keys)) units += writeUnitsFor(itemSize(after));
    else {
      if (wasIn) units += writeUnitsFor(itemSize(before));
      if (isIn) units += writeUnitsFor(itemSize(after));
    }
  }
  return units;
}

/** Attribute names an update expression mentions, `#placeholders` resolved. */
export function updatedAttributeNames(request: WireObject): Set<string> {
  const expression = typeof request.UpdateExpression === "string" ? request.UpdateExpression : "";
  const names = isObject(request.ExpressionAttributeNames) ? request.ExpressionAttributeNames : {};
  const found = new Set<string>();
  // Value placeholders out, then every word that is not a clause keyword or a function call.
  const withoutValues = expression.replace(/:\w+/g, " ");
  for (const [, token = "", call] of withoutValues.matchAll(/(#?[A-Za-z_]\w*)(\s*\()?/g)) {
    if (call || /^(SET|REMOVE|ADD|DELETE)$/i.test(token)) continue;
    const name = token.startsWith("#") ? names[token] : token;
    if (typeof name === "string") found.add(name);
  }
  return found;
}

/**
 * The request-side estimate of an updated item where no image of it is returned (inside
 * transactions): its key plus every expression attribute value. Attributes the item already
 * had are unknown, so this is a lower bound; the caller applies the 1-unit minimum.
 */
export function updateRequestSize(request: WireObject): number {
  const values = isObject(request.ExpressionAttributeValues)
    ? request.ExpressionAttributeValues
    : {};
  return itemSize(asItem(request.Key)) + itemSize(values);
}

/**
 * Index writes an update estimated from its request adds: one per index whose key attributes
 * the update expression all mentions (it puts the item there). Items already in an index whose
 * keys the update does not touch are not seen: an under-estimate.
 */
function updateRequestIndexUnits(request: WireObject, indexes: IndexKeys): number {
  const mentioned = updatedAttributeNames(request);
  const size = updateRequestSize(request);
  return (
    indexes.filter((keys) => keys.every((name) => mentioned.has(name))).length * writeUnitsFor(size)
  );
}

const consistency = (request: WireObject): ReadConsistency =>
  request.ConsistentRead === true ? "strong" : "eventual";

function putUnits(request: WireObject, output: WireObject, indexes: IndexKeys): number {
  const after = asItem(request.Item);
  const before = asItem(output.Attributes);
  return (
    writeUnitsFor(Math.max(itemSize(before), itemSize(after))) +
    indexWriteUnits(before, after, indexes)
  );
}

function updateUnits(request: WireObject, output: WireObject, indexes: IndexKeys): number {
  const returned = asItem(output.Attributes);
  const key = asItem(request.Key) ?? {};
  switch (request.ReturnValues) {
    case "ALL_NEW":
      return (
        writeUnitsFor(itemSize(returned ?? key)) + indexWriteUnits(undefined, returned, indexes)
      );
    case "ALL_OLD": {
      // The item after the update is not returned: the old image stands for both.
      const size = Math.max(itemSize(returned), updateRequestSize(request));
      return writeUnitsFor(size) + indexWriteUnits(returned, returned, indexes);
    }
    default: {
      // UPDATED_OLD / UPDATED_NEW (the meter asks for ALL_NEW when none was set): only the
      // touched attributes come back.
      const partial = { ...key, ...(returned ?? {}) };
      const size = Math.max(itemSize(partial), updateRequestSize(request));
      return writeUnitsFor(size) + indexWriteUnits(undefined, partial, indexes);
    }
  }
}

function deleteUnits(output: WireObject, indexes: IndexKeys): number {
  const before = asItem(output.Attributes);
  return writeUnitsFor(itemSize(before)) + indexWriteUnits(before, undefined, indexes);
}

function batchWriteRequestUnits(byTable: unknown, indexes: IndexKeys): number {
  let units = 0;
  if (!isObject(byTable)) return units;
  for (const requests of Object.values(byTable)) {
    for (const request of asArray(requests)) {
      if (!isObject(request)) continue;
      const put = isObject(request.PutRequest) ? asItem(request.PutRequest.Item) : undefined;
      if (put) units += writeUnitsFor(itemSize(put)) + indexWriteUnits(undefined, put, indexes);
      else if (isObject(request.DeleteRequest)) units += writeUnitsFor(0);
    }
  }
  return units;
}

function transactWriteUnits(request: WireObject, indexes: IndexKeys): number {
  let units = 0;
  for (const entry of asArray(request.TransactItems)) {
    if (!isObject(entry)) continue;
    if (isObject(entry.Put)) {
      const item = asItem(entry.Put.Item);
      units += writeUnitsFor(itemSize(item)) + indexWriteUnits(undefined, item, indexes);
    } else if (isObject(entry.Update)) {
      units +=
        writeUnitsFor(updateRequestSize(entry.Update)) +
        updateRequestIndexUnits(entry.Update, indexes);
    } else if (isObject(entry.Delete)) {
      units += writeUnitsFor(itemSize(asItem(entry.Delete.Key)));
    } else if (isObject(entry.ConditionCheck)) {
      units += writeUnitsFor(itemSize(asItem(entry.ConditionCheck.Key)));
    }
  }
  return units * 2;
}

function batchGetUnits(request: WireObject, output: WireObject): number {
  let units = 0;
  const requested = isObject(request.RequestItems) ? request.RequestItems : {};
  const responses = isObject(output.Responses) ? output.Responses : {};
  const unprocessed = isObject(output.UnprocessedKeys) ? output.UnprocessedKeys : {};
  for (const [table, spec] of Object.entries(requested)) {
    if (!isObject(spec)) continue;
    const mode = consistency(spec);
    const items = asArray(responses[table]);
    for (const item of items) units += readUnitsFor(itemSize(asItem(item)), mode);
    const notRead = isObject(unprocessed[table]) ? asArray(unprocessed[table].Keys).length : 0;
    // Keys that were read but matched no item still cost the minimum.
    const missing = Math.max(0, asArray(spec.Keys).length - notRead - items.length);
    units += missing * readUnitsFor(0, mode);
  }
  return units;
}

function sumOfItems(items: unknown): number {
  return asArray(items).reduce<number>((sum, item) => sum + itemSize(asItem(item)), 0);
}

/** Write and read units of one call, by operation name (e.g. "PutItem"). */
export function operationUnits(
  operation: string,
  request: WireObject,
  outcome: CallOutcome,
  indexes: IndexKeys = tableGlobalIndexKeys,
): Units {
  if (!outcome.ok) return failedOperationUnits(operation, request, outcome, indexes);
  const { output } = outcome;
  switch (operation) {
    case "PutItem":
      return { writeUnits: putUnits(request, output, indexes), readUnits: 0 };
    case "UpdateItem":
      return { writeUnits: updateUnits(request, output, indexes), readUnits: 0 };
    case "DeleteItem":
      return { writeUnits: deleteUnits(output, indexes), readUnits: 0 };
    case "BatchWriteItem":
      return {
        writeUnits:
          batchWriteRequestUnits(request.RequestItems, indexes) -
          batchWriteRequestUnits(output.UnprocessedItems, indexes),
        readUnits: 0,
      };
    case "TransactWriteItems":
      return { writeUnits: transactWriteUnits(request, indexes), readUnits: 0 };
    case "GetItem":
      return {
        writeUnits: 0,
        readUnits: readUnitsFor(itemSize(asItem(output.Item)), consistency(request)),
      };
    case "BatchGetItem":
      return { writeUnits: 0, readUnits: batchGetUnits(request, output) };
    case "Query":
    case "Scan":
      return {
        writeUnits: 0,
        readUnits: readUnitsFor(sumOfItems(output.Items), consistency(request)),
      };
    case "TransactGetItems":
      return {
        writeUnits: 0,
        readUnits: asArray(output.Responses).reduce<number>(
          (sum, response) =>
            sum +
            readUnitsFor(
              itemSize(isObject(response) ? asItem(response.Item) : undefined),
              "transactional",
            ),
          0,
        ),
      };
    default:
      return NONE;
  }
}

/**
 * A single-item write whose condition failed costs the size of the existing item (minimum 1
 * unit); a transaction cancelled for a failed condition is counted as if it had run (see
 * meter.ts). Any other error: the request did no billed work.
 */
function failedOperationUnits(
  operation: string,
  request: WireObject,
  outcome: { errorType: string; error: WireObject },
  indexes: IndexKeys,
): Units {
  if (
    outcome.errorType === "ConditionalCheckFailedException" &&
    (operation === "PutItem" || operation === "UpdateItem" || operation === "DeleteItem")
  ) {
    return { writeUnits: writeUnitsFor(itemSize(asItem(outcome.error.Item))), readUnits: 0 };
  }
  if (outcome.errorType === "TransactionCanceledException" && operation === "TransactWriteItems") {
    const conditionFailed = asArray(outcome.error.CancellationReasons).some(
      (reason) => isObject(reason) && reason.Code === "ConditionalCheckFailed",
    );
    if (conditionFailed) return { writeUnits: transactWriteUnits(request, indexes), readUnits: 0 };
  }
  return NONE;
}
