import { SESv2Client } from "@aws-sdk/client-sesv2";
import type { DeliveredEvent, EventRule, OutgoingEvent, Publisher } from "@sprida/core/event";
import { Keyring } from "@sprida/core/keyring";
import { Runtime } from "@sprida/core/runtime";
import { matchesPattern } from "@sprida/local/pattern";
// The handler loader alone: the local runtime's index would load the whole system (and every domain).
import { loadHandler } from "../../packages/local/src/runtime/handlers";
import { testDynamo } from "./dynamodb";

/**
 * A publisher that keeps what it was given, for tests of code that publishes. Given rules
 * (from EventRules), it also runs the handler of each rule an event matches, in this process,
 * once the event is kept, as the bus would: a handler's failure is the bus's business (kept in
 * `failures`), never the publisher's.
 */
export class RecordingPublisher implements Publisher {
  readonly published: OutgoingEvent[] = [];
  readonly failures: { rule: string; eventId: string; error: unknown }[] = [];

  constructor(private readonly rules: readonly EventRule[] = []) {}

  async publish(events: OutgoingEvent[]): Promise<void> {
    this.published.push(...structuredClone(events));
    for (const event of events) await this.deliver(event);
  }

  private async deliver(event: OutgoingEvent): Promise<void> {
    const delivered: DeliveredEvent = {
      version: "0",
      id: event.detail.metadata.eventId,
      "detail-type": event.detailType,
      source: event.source,
      account: "000000000000",
      time: new Date().toISOString(),
      region: "local",
      resources: [],
      detail: structuredClone(event.detail),
    };
    for (const rule of this.rules.filter((candidate) =>
      matchesPattern(candidate.pattern, delivered),
    )) {
      try {
        await (await loadHandler(rule.handler))(delivered);
      } catch (error) {
        this.failures.push({ rule: rule.id, eventId: event.detail.metadata.eventId, error });
      }
    }
  }
}

/**
 * The key that wraps the data key of the tests' tables. Fixed, because test files sharing a
 * worker's table (and the local systems they start on it) must all unwrap the same data key.
 */
export const TEST_WRAPPING_KEY = Buffer.alloc(32, "sprida-test-wrapping-key");

/** What the test deployment lets an organisation choose for its links, besides its own. */
export const TEST_ALTERNATE_ORIGINS = [
  "https://sprida.acme.example",
  "https://dela.exempel.se",
  "https://cli.acme.example",
  "https://sprida.example.com",
] as const;

/**
 * Provides a runtime on this worker's DynamoDB Local. Mail goes nowhere (no endpoint
 * answers); tests that send mail start the inbox themselves. Events are recorded, and
 * delivered to the handlers of `deliver` (rules of EventRules), if any.
 */
export function provideTestRuntime(
  overrides: Partial<Runtime.Runtime> = {},
  options: { deliver?: readonly EventRule[] } = {},
) {
  const dynamo = testDynamo();
  const publisher = new RecordingPublisher(options.deliver);
  const runtime: Runtime.Runtime = {
    stage: "test",
    tableName: dynamo.tableName,
    dynamo: dynamo.client,
    document: Runtime.documentClient(dynamo.client),
    publisher,
    mail: new SESv2Client({ region: "eu-north-1", endpoint: "http://127.0.0.1:9" }),
    mailFrom: "sprida@example.test",
    publicOrigin: "http://localhost:4000",
    alternateOrigins: TEST_ALTERNATE_ORIGINS,
    keyWrapper: Keyring.localKeyWrapper(TEST_WRAPPING_KEY),
    now: () => new Date(),
    ...overrides,
  };
  Runtime.provide(runtime);
  return { runtime, publisher };
}

/**
 * Runs `fn` on another runtime (a second process, a crashing client) and puts the one before
 * back whatever happens, so a failed assertion never leaves the next test on the wrong one.
 */
export async function withRuntime<T>(
  change: Partial<Runtime.Runtime> | ((before: Runtime.Runtime) => Runtime.Runtime),
  fn: () => Promise<T>,
): Promise<T> {
  const before = Runtime.use();
  Runtime.provide(typeof change === "function" ? change(before) : { ...before, ...change });
  try {
    return await fn();
  } finally {
    Runtime.provide(before);
  }
}
