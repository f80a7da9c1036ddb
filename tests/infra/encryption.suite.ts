import { EventRules } from "@sprida/functions/events";
import { JobUnitRule, Schedules } from "@sprida/functions/jobs";
import { StreamConsumers } from "@sprida/functions/streams";
import { App, Stack } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import type { Stack as SstStack } from "sst/constructs";
import { beforeAll, describe, expect, test } from "vitest";
import { API_HANDLER } from "../../infra/api";
import { FRONT_DOOR_HANDLER } from "../../infra/front-door";
import { KEYRING_ACTIONS, keyringKey } from "../../infra/keyring";
import { REDIRECT_HANDLER } from "../../infra/redirect";
import { type SynthesizedApp, synthesizeApp, TEST_STAGE } from "./synth";
import {
  at,
  handlerFunctions,
  type Properties,
  refersTo,
  resourcesOfType,
  roleStatements,
  single,
} from "./template";

/**
 * The KMS key that wraps the table's data key (packages/core/src/keyring), and which functions
 * may use it: those that seal or open secrets, nothing else. Run by app.test.ts, on its synth.
 */

const SYNTH_TIMEOUT = 180_000;

let app: SynthesizedApp;

beforeAll(async () => {
  app = await synthesizeApp();
}, SYNTH_TIMEOUT);

function keyringKeyId(): string {
  const [keyId] = single(app.stacks.Storage, "AWS::KMS::Key");
  return keyId;
}

const kmsActions = (statements: Properties[]) =>
  statements.flatMap((statement) =>
    [statement.Action].flat().filter((action) => String(action).startsWith("kms:")),
  );

describe("the keyring key", () => {
  test("is one customer-managed key in the Storage stack, rotated every year", () => {
    expect(
      Object.values(app.stacks).flatMap((stack) => resourcesOfType(stack, "AWS::KMS::Key")),
    ).toHaveLength(1);
    const [, key] = single(app.stacks.Storage, "AWS::KMS::Key");
    expect(key).toMatchObject({ EnableKeyRotation: true, RotationPeriodInDays: 365 });
    expect(key.KeySpec ?? "SYMMETRIC_DEFAULT").toBe("SYMMETRIC_DEFAULT");
  });

  test("has an alias per stage", () => {
    const [, alias] = single(app.stacks.Storage, "AWS::KMS::Alias");
    expect(alias.AliasName).toBe(`alias/${TEST_STAGE}-sprida-keyring`);
    expect(refersTo(alias.TargetKeyId, app.stacks.Storage, keyringKeyId(), "Arn")).toBe(true);
  });

  test("is scheduled for deletion with a disposable stage, after 7 days", () => {
    const resource = app.stacks.Storage.resources[keyringKeyId()];
    expect(resource?.DeletionPolicy).toBe("Delete");
    expect(resource?.Properties?.PendingWindowInDays).toBe(7);
  });

  test("is kept when the production stage is removed (its table is kept too)", () => {
    // keyringKey on its own, in an app whose stage is production.
    const production = Object.assign(new App(), {
      stage: "production",
      logicalPrefixedName: (name: string) => `production-sprida-${name}`,
    });
    const stack = new Stack(production, "Storage");
    keyringKey(stack as unknown as SstStack);
    const template = Template.fromStack(stack).toJSON() as {
      Resources: Record<string, { Type: string; DeletionPolicy?: string; Properties?: Properties }>;
    };
    const [key] = Object.values(template.Resources).filter(({ Type }) => Type === "AWS::KMS::Key");
    expect(key?.DeletionPolicy).toBe("Retain");
    expect(key?.Properties?.PendingWindowInDays).toBe(30);
    const [alias] = Object.values(template.Resources).filter(
      ({ Type }) => Type === "AWS::KMS::Alias",
    );
    expect(alias?.Properties?.AliasName).toBe("alias/production-sprida-keyring");
  });
});

describe("who may use the keyring key", () => {
  const holders = [
    API_HANDLER,
    FRONT_DOOR_HANDLER,
    REDIRECT_HANDLER,
    ...EventRules.filter((rule) => rule.usesKeyring).map(({ handler }) => handler),
    ...StreamConsumers.filter((consumer) => consumer.usesKeyring).map(({ handler }) => handler),
    ...Schedules.filter((schedule) => schedule.usesKeyring).map(({ handler }) => handler),
    ...[JobUnitRule].filter((rule) => rule.usesKeyring).map(({ handler }) => handler),
  ];

  test("the API, the front door, the redirect, the invitation mail, the weekly sender (unsubscribe links), the webhooks consumer and the job units' runner (webhook retries), and no other function", () => {
    expect([...holders].sort()).toEqual(
      [
        "packages/functions/src/events/invitation-mail.handler",
        "packages/functions/src/events/weekly-mail.handler",
        "packages/functions/src/http/api.handler",
        "packages/functions/src/http/front-door/handler.handler",
        "packages/functions/src/http/redirect/handler.handler",
        "packages/functions/src/jobs/unit.handler",
        "packages/functions/src/streams/webhooks.handler",
      ].sort(),
    );
    const withKms = handlerFunctions(app)
      .filter(({ stack, fn }) => kmsActions(roleStatements(stack, fn)).length > 0)
      .map(({ handler }) => handler)
      .sort();
    expect(withKms).toEqual([...holders].sort());
  });

  test("holders get Decrypt and GenerateDataKey on this key only, under their stage's encryption context, and its ARN", () => {
    const { Storage } = app.stacks;
    for (const { stack, fn, handler } of handlerFunctions(app).filter(({ handler }) =>
      holders.includes(handler as never),
    )) {
      const statements = roleStatements(stack, fn).filter(
        (statement) => kmsActions([statement]).length > 0,
      );
      expect(statements, handler).toHaveLength(1);
      const [statement] = statements;
      expect([statement?.Action].flat().sort(), handler).toEqual([...KEYRING_ACTIONS].sort());
      expect(statement?.Effect).toBe("Allow");
      expect(refersTo(statement?.Resource, Storage, keyringKeyId(), "Arn"), handler).toBe(true);
      expect(statement?.Condition).toEqual({
        StringEquals: { "kms:EncryptionContext:sprida:stage": TEST_STAGE },
      });
      const variables = at(fn, "Environment", "Variables") as Properties;
      expect(refersTo(variables.SPRIDA_KMS_KEY_ARN, Storage, keyringKeyId(), "Arn"), handler).toBe(
        true,
      );
    }
  });

  test("every other function gets neither a KMS action nor the key's ARN", () => {
    for (const { stack, fn, handler } of handlerFunctions(app).filter(
      ({ handler }) => !holders.includes(handler as never),
    )) {
      expect(kmsActions(roleStatements(stack, fn)), handler).toEqual([]);
      expect(at(fn, "Environment", "Variables", "SPRIDA_KMS_KEY_ARN"), handler).toBeUndefined();
    }
  });
});
