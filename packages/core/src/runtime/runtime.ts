import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { SESv2Client } from "@aws-sdk/client-sesv2";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Publisher } from "../event";
import type { KeyWrapper } from "../keyring";

/**
 * Everything domain code needs from the outside world, injected. On Lambda it is built
 * from the environment the infra sets (packages/functions/src/aws-runtime.ts); the local runtime and tests provide their own
 * (DynamoDB Local, the durable local bus, the SES emulator, a metered client...).
 */
export interface Runtime {
  stage: string;
  tableName: string;
  dynamo: DynamoDBClient;
  document: DynamoDBDocumentClient;
  publisher: Publisher;
  mail: SESv2Client;
  /** The sender of every e-mail (a verified SES identity on AWS). */
  mailFrom: string;
  /** The SES configuration set whose bounce and complaint events suppress addresses (AWS). */
  mailConfigurationSet?: string;
  /** The most e-mails per second the weekly sender sends (SES's sending quota); default 10. */
  mailPerSecond?: number;
  /**
   * The deployment's own origin: the base of every link in e-mails and of tracked links unless
   * an organisation chose one of `alternateOrigins`. Configured by the operator (the
   * distribution's domain on AWS, the running server locally), never by an organisation.
   */
  publicOrigin: string;
  /** Other https origins the deployment serves, among which an organisation may choose. */
  alternateOrigins?: readonly string[];
  /**
   * Exact "host:port" entries the safe fetcher may reach although they are private (tests'
   * local servers). Production never sets it.
   */
  fetchAllowlist?: string[];
  /** Wraps the table's data key, which seals secrets in the table (packages/core/src/keyring). */
  keyWrapper: KeyWrapper;
  now(): Date;
}

/** Document client settings every adapter shares, so items look the same everywhere. */
export function documentClient(dynamo: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(dynamo, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}

let current: Runtime | undefined;

/** The local runtime and tests call this once at start-up. */
export function provide(runtime: Runtime): void {
  current = runtime;
}

let build: (() => Runtime) | undefined;

/** How to build the runtime if none is provided: each Lambda entry builds the AWS one. */
export function buildOnFirstUse(builder: () => Runtime): void {
  build ??= builder;
}

export function use(): Runtime {
  current ??= build?.();
  if (current === undefined) {
    throw new Error(
      "No runtime: Lambda entries build it (packages/functions/src/lambda.ts), the local system and tests provide it at start-up",
    );
  }
  return current;
}

/** Builds a value once per runtime (ElectroDB entities bound to the runtime's client and table). */
export function perRuntime<T>(build: (runtime: Runtime) => T): () => T {
  const cache = new WeakMap<Runtime, T>();
  return () => {
    const runtime = use();
    let value = cache.get(runtime);
    if (value === undefined) {
      value = build(runtime);
      cache.set(runtime, value);
    }
    return value;
  };
}
