import type { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";

type Json = Record<string, unknown>;

/**
 * DynamoDB Local's GetRecords writes an empty map attribute as `{}` instead of `{"M":{}}`,
 * and the SDK then refuses the whole page ("Unknown attribute value type"), which would
 * stall the stream for good. AWS does not do this. This middleware repairs such values in
 * the raw response before the SDK parses it; everything else passes through untouched.
 */
export function repairEmptyMaps(client: DynamoDBStreamsClient): DynamoDBStreamsClient {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName !== "GetRecordsCommand") return result;
      const response = (result as { response?: { body?: unknown } }).response;
      if (!response) return result;
      const text = new TextDecoder().decode(await collect(response.body));
      const parsed = JSON.parse(text || "{}") as { Records?: { dynamodb?: Json }[] };
      for (const record of parsed.Records ?? []) {
        for (const image of ["Keys", "NewImage", "OldImage"]) {
          const attributes = record.dynamodb?.[image] as Json | undefined;
          if (attributes) repairAttributes(attributes);
        }
      }
      response.body = new TextEncoder().encode(JSON.stringify(parsed));
      return result;
    },
    { step: "deserialize", priority: "low", name: "repairEmptyMaps" },
  );
  return client;
}

function repairAttributes(attributes: Json): void {
  for (const [name, value] of Object.entries(attributes)) attributes[name] = repairValue(value);
}

export function repairValue(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  const typed = value as Json;
  if (Object.keys(typed).length === 0) return { M: {} };
  if (typed.M && typeof typed.M === "object") repairAttributes(typed.M as Json);
  if (Array.isArray(typed.L)) typed.L = typed.L.map(repairValue);
  return typed;
}

async function collect(body: unknown): Promise<Uint8Array> {
  if (body instanceof Uint8Array) return body;
  if (typeof body === "string") return new TextEncoder().encode(body);
  const chunks: Uint8Array[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) {
    chunks.push(typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk);
  }
  return Buffer.concat(chunks);
}
