import { SESv2Client } from "@aws-sdk/client-sesv2";
import type { OutgoingEvent, Publisher } from "@sprida/core/event";
import { Keyring } from "@sprida/core/keyring";
import { Runtime } from "@sprida/core/runtime";
import { testDynamo } from "./dynamodb";

/** A publisher that keeps what it was given, for tests of code that publishes. */
export class RecordingPublisher implements Publisher {
  readonly published: OutgoingEvent[] = [];
  async publish(events: OutgoingEvent[]): Promise<void> {
    this.published.push(...structuredClone(events));
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
 * answers); tests that send mail start the inbox themselves.
 */
export function provideTestRuntime(overrides: Partial<Runtime.Runtime> = {}) {
  const dynamo = testDynamo();
  const publisher = new RecordingPublisher();
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
