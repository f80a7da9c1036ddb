/**
 * Capacity meter: counts the write and read units AWS on-demand would bill for every call made
 * through a DynamoDBClient, because DynamoDB Local's own ConsumedCapacity is not AWS's bill (a
 * 2-item TransactWriteItems reports 2 where AWS bills 4; a failed conditional write reports
 * none). It hooks the client's middleware stack, so DynamoDBDocumentClient and ElectroDB built
 * on the client are metered too.
 *
 * Sources:
 * - Item sizes: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
 *   (see item-size.ts for the per-type rules).
 * - Units per operation, conditional writes:
 *   https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html
 * - Index writes: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html#GSI.ThroughputConsiderations.Writes
 * - Transactions: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html#transaction-capacity-handling
 *
 * Write units (1 per started KB of the item, minimum 1 per write):
 * - PutItem: the larger of the new item and the item it replaces. UpdateItem: the larger of the
 *   item before and after. DeleteItem: the deleted item (1 if there was none).
 * - Global secondary indexes (TableDefinition.globalIndexes, projection ALL, so an index entry
 *   is as large as the item): +1 write of the entry per index the item sits in (it carries that
 *   index's key attributes); when a write changes an item's index key, a delete and a put (2
 *   writes); when it takes the item out of an index, a delete.
 * - BatchWriteItem: each put and delete as above (a delete counts its minimum 1 unit; the
 *   deleted item and any index entries are not known); unprocessed items are not counted.
 * - TransactWriteItems: every Put, Update, Delete and ConditionCheck counts double.
 * - A conditional write whose condition fails still costs: the size of the existing item,
 *   minimum 1 unit (no index writes).
 * Read units (1 per started 4 KB, halved when eventually consistent, the default):
 * - GetItem, BatchGetItem: per item, a missing item costs the minimum (0.5 or 1).
 * - Query, Scan: the sum of the returned items' sizes, rounded up once per call, minimum 0.5
 *   (eventual) or 1 (strong).
 * - TransactGetItems: per item, double.
 * Any other failed call (validation, throttling, network) counts no units. Calls are counted for
 * every operation; PartiQL (ExecuteStatement & co.) and control-plane calls count no units.
 *
 * To know the sizes, the meter asks DynamoDB for what the caller did not: ReturnValues ALL_OLD
 * (PutItem, DeleteItem) or ALL_NEW (UpdateItem) when the caller set none (or NONE), and
 * ReturnValuesOnConditionCheckFailure ALL_OLD on conditional single-item writes. What it added
 * is removed again (`Attributes` from the output, `Item` from the error), so callers see the same
 * results and the same (re-thrown, original) errors. The sizes are read from the request and
 * response bodies as they travel (JSON wire form), below the document client's (un)marshalling;
 * only the last attempt of a retried call counts.
 *
 * Approximations (all make the count an under-estimate unless noted):
 * - Number sizes follow AWS's own "approximately" rule; set sizes are the sum of their elements.
 * - UpdateItem with ALL_NEW: the item before the update is not known, so its size (when larger)
 *   and index entries it is moved out of or re-keyed from are missed. With ALL_OLD (set by the
 *   caller) the old image stands for both sides; with UPDATED_OLD/UPDATED_NEW (set by the
 *   caller) the returned attributes plus key, or the request's key plus values, whichever is
 *   larger, stand for the item.
 * - PutItem within BatchWriteItem: the item it replaces is unknown (its size when larger, and
 *   index entries of a different key).
 * - Inside transactions no item images come back, so an Update is estimated from its request
 *   (key + expression attribute values, minimum 1 unit) and adds an index write only for indexes
 *   whose key attributes its update expression names; a Delete or ConditionCheck counts its key
 *   (1 unit). Items already in an index whose keys an update does not touch are missed.
 * - A TransactWriteItems cancelled because a condition failed is counted as if it had run (AWS
 *   documents no figure for this; an over-estimate if AWS bills less). Cancellations for other
 *   reasons count nothing.
 * - Reads are sized from the returned items; AWS sizes the full items it read. A projection
 *   (ProjectionExpression, Select COUNT, or a Query/Scan FilterExpression that drops items)
 *   makes this an under-estimate.
 */
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { type CallOutcome, operationUnits, type Units, type WireObject } from "./meter-units";

export type OperationTally = { calls: number; writeUnits: number; readUnits: number };

export type CapacitySnapshot = {
  writeUnits: number;
  readUnits: number;
  byOperation: Record<string, OperationTally>;
};

export type CapacityMeter = {
  /** Units counted since creation or the last reset (a copy). */
  snapshot(): CapacitySnapshot;
  reset(): void;
};

const METER_MIDDLEWARE = "spridaCapacityMeter";
const WIRE_MIDDLEWARE = "spridaCapacityMeterWire";

/** What the wire middleware saw on the last attempt of one call. */
type Attempt = { request: WireObject; status: number; body: WireObject };
type CallState = { attempt: Attempt | undefined };

/**
 * Meters per middleware stack, shared across module instances (vitest re-imports modules per
 * test file; a client cached on globalThis must not get the middleware twice).
 */
const registryKey = Symbol.for("sprida.dynamo.capacityMeters");
const globalSlots = globalThis as Record<symbol, WeakMap<object, CapacityMeter> | undefined>;
globalSlots[registryKey] ??= new WeakMap<object, CapacityMeter>();
const registry: WeakMap<object, CapacityMeter> = globalSlots[registryKey];

/** Per-call state, keyed by the handler execution context the SDK creates for each call. */
const calls = new WeakMap<object, CallState>();

/** Operations whose `ReturnValues` the meter sets when the caller left it unset or NONE. */
const returnValuesToAsk: Record<string, string> = {
  PutItem: "ALL_OLD",
  UpdateItem: "ALL_NEW",
  DeleteItem: "ALL_OLD",
};

/**
 * Start metering `client` (idempotent: a second call on the same client, or on a client sharing
 * its middleware stack, returns the same meter and adds nothing).
 */
export function meterDynamoDb(client: DynamoDBClient): CapacityMeter {
  const stack = client.middlewareStack;
  const existing = registry.get(stack);
  if (existing) return existing;

  let tally = emptySnapshot();
  const meter: CapacityMeter = {
    snapshot: () => ({
      writeUnits: tally.writeUnits,
      readUnits: tally.readUnits,
      byOperation: Object.fromEntries(
        Object.entries(tally.byOperation).map(([name, t]) => [name, { ...t }]),
      ),
    }),
    reset: () => {
      tally = emptySnapshot();
    },
  };
  const record = (operation: string, units: Units) => {
    const entry = tally.byOperation[operation] ?? { calls: 0, writeUnits: 0, readUnits: 0 };
    tally.byOperation[operation] = entry;
    entry.calls += 1;
    entry.writeUnits += units.writeUnits;
    entry.readUnits += units.readUnits;
    tally.writeUnits += units.writeUnits;
    tally.readUnits += units.readUnits;
  };

  stack.add(
    (next, context) => async (args) => {
      const operation = (context.commandName ?? "Unknown").replace(/Command$/, "");
      const state: CallState = { attempt: undefined };
      calls.set(context, state);
      const input = { ...(args.input as WireObject) };
      const askedReturnValues = askFor(input, "ReturnValues", returnValuesToAsk[operation]);
      const isConditional = input.ConditionExpression !== undefined || input.Expected !== undefined;
      const askedOldOnFailure =
        operation in returnValuesToAsk &&
        isConditional &&
        askFor(input, "ReturnValuesOnConditionCheckFailure", "ALL_OLD");
      let result: Awaited<ReturnType<typeof next>>;
      try {
        result = await next({ ...args, input: input as typeof args.input });
      } catch (error) {
        record(operation, unitsOf(operation, state.attempt));
        // The original error, without the old item only the meter asked for.
        if (askedOldOnFailure && typeof error === "object" && error !== null) {
          delete (error as WireObject).Item;
        }
        throw error;
      } finally {
        calls.delete(context);
      }
      record(operation, unitsOf(operation, state.attempt));
      if (!askedReturnValues) return result;
      const { Attributes: _added, ...output } = result.output as WireObject;
      return { ...result, output: output as typeof result.output };
    },
    { step: "initialize", priority: "low", name: METER_MIDDLEWARE },
  );

  // Innermost: sees each attempt's request and raw response bodies, whatever client sits on top.
  stack.add(
    (next, context) => async (args) => {
      const state = calls.get(context);
      if (state) state.attempt = undefined;
      const result = await next(args);
      if (!state) return result;
      const request = (args as { request?: { body?: unknown } }).request;
      const response = (result as { response?: { statusCode?: number; body?: unknown } }).response;
      if (!request || !response) return result;
      const bytes = await collect(response.body);
      if (bytes === undefined) return result;
      response.body = bytes;
      state.attempt = {
        request: parseJson(request.body),
        status: response.statusCode ?? 0,
        body: parseJson(bytes),
      };
      return result;
    },
    { step: "deserialize", priority: "low", name: WIRE_MIDDLEWARE },
  );

  registry.set(stack, meter);
  return meter;
}

function emptySnapshot(): CapacitySnapshot {
  return { writeUnits: 0, readUnits: 0, byOperation: {} };
}

/** Sets `input[field] = value` when the caller left it unset or NONE; whether it did. */
function askFor(input: WireObject, field: string, value: string | undefined): boolean {
  if (value === undefined) return false;
  if (input[field] !== undefined && input[field] !== "NONE") return false;
  input[field] = value;
  return true;
}

function unitsOf(operation: string, attempt: Attempt | undefined): Units {
  if (!attempt) return { writeUnits: 0, readUnits: 0 };
  const outcome: CallOutcome =
    attempt.status < 300
      ? { ok: true, output: attempt.body }
      : { ok: false, errorType: errorType(attempt.body), error: attempt.body };
  return operationUnits(operation, attempt.request, outcome);
}

/** "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException" → the part after '#'. */
function errorType(body: WireObject): string {
  const type = typeof body.__type === "string" ? body.__type : "";
  return type.slice(type.lastIndexOf("#") + 1);
}

function parseJson(body: unknown): WireObject {
  try {
    const text =
      typeof body === "string" ? body : body instanceof Uint8Array ? decoder.decode(body) : "";
    const parsed: unknown = text ? JSON.parse(text) : {};
    return typeof parsed === "object" && parsed !== null ? (parsed as WireObject) : {};
  } catch {
    return {};
  }
}

const decoder = new TextDecoder();

/** Buffers a response body (bytes, a Node stream or a web stream) so it can be read twice. */
async function collect(body: unknown): Promise<Uint8Array | undefined> {
  if (body === undefined || body === null) return new Uint8Array();
  if (body instanceof Uint8Array) return body;
  if (typeof body === "string") return new TextEncoder().encode(body);
  if (typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === "function") {
    const chunks: Uint8Array[] = [];
    for await (const chunk of body as AsyncIterable<Uint8Array | string>) {
      chunks.push(typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk);
    }
    return Buffer.concat(chunks);
  }
  return undefined;
}
