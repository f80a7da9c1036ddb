import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { App, getStack } from "sst/constructs";
import { initProject, useProject } from "sst/project.js";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { Alerts, Storage } from "../../infra";
import { applyStageProtection } from "../../infra/protection";
import { isProtected } from "../../infra/stage";
import { single } from "./template";

/**
 * A protected stage, synthesized offline: its stateful stacks (the alerts topic, the table and
 * its key) as `production` builds them. The whole app's synth (app.test.ts) is the disposable
 * stage `test`; this one builds only the stacks without functions, so it takes seconds.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

async function synthesize(stage: string, env: Record<string, string | undefined>) {
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await initProject({ stage, root });
  const project = useProject();
  const outdir = mkdtempSync(path.join(tmpdir(), "sprida-protected-"));
  const app = new App(
    { mode: "deploy", stage, name: project.config.name, region: project.config.region },
    { outdir },
  );
  app.stack(Alerts).stack(Storage);
  applyStageProtection(app, [Alerts, Storage]);
  await app.finish();
  const assembly = app.synth();
  const stack = (fn: typeof Alerts | typeof Storage) => {
    const artifact = assembly.getStackArtifact(getStack(fn).artifactId);
    return {
      stackName: artifact.stackName,
      terminationProtection: artifact.terminationProtection,
      template: artifact.template,
      resources: artifact.template.Resources as Record<
        string,
        { Type: string; Properties?: Record<string, unknown>; DeletionPolicy?: string }
      >,
      outputs: {},
      dependsOn: [],
    };
  };
  return { alerts: stack(Alerts), storage: stack(Storage), outdir };
}

describe("which stages are protected", () => {
  test("every stage but the declared disposable ones, and never production", () => {
    for (const stage of ["production", "prod", "staging", "acme", "alice"]) {
      expect(isProtected(stage, {}), stage).toBe(true);
    }
    for (const stage of ["test", "dev", "dev-alice", "pr-42", "preview-x"]) {
      expect(isProtected(stage, {}), stage).toBe(false);
    }
    expect(isProtected("alice", { SPRIDA_STAGE_DISPOSABLE: "true" })).toBe(false);
    expect(() => isProtected("production", { SPRIDA_STAGE_DISPOSABLE: "true" })).toThrow(
      /always protected/,
    );
    expect(() => isProtected("prod", { SPRIDA_STAGE_DISPOSABLE: "true" })).toThrow(
      /always protected/,
    );
  });
});

describe("a protected stage (production), synthesized offline", () => {
  let synthesized: Awaited<ReturnType<typeof synthesize>>;

  beforeAll(async () => {
    synthesized = await synthesize("production", {
      SPRIDA_MAIL_FROM: "sprida@mail.example.org",
      SPRIDA_ALERT_EMAIL: "ops@example.org",
      SPRIDA_STAGE_DISPOSABLE: undefined,
    });
  }, 120_000);
  afterAll(() => rmSync(synthesized?.outdir ?? "/nonexistent", { recursive: true, force: true }));

  test("keeps the table: deletion protection, point-in-time recovery, retained on removal", () => {
    const { storage } = synthesized;
    const [tableId, table] = single(storage as never, "AWS::DynamoDB::Table");
    expect(table.DeletionProtectionEnabled).toBe(true);
    expect(table.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(storage.resources[tableId]?.DeletionPolicy).toBe("Retain");
  });

  test("keeps every stateful resource too, and refuses to remove its stacks", () => {
    const stateful = new Set(["AWS::DynamoDB::Table", "AWS::KMS::Key", "AWS::SNS::Topic"]);
    for (const stack of [synthesized.alerts, synthesized.storage]) {
      expect(stack.terminationProtection, stack.stackName).toBe(true);
      for (const [id, resource] of Object.entries(stack.resources)) {
        if (!stateful.has(resource.Type)) continue;
        expect(resource.DeletionPolicy, `${stack.stackName} ${id}`).toBe("Retain");
      }
    }
    const [, key] = single(synthesized.storage as never, "AWS::KMS::Key");
    expect(key.PendingWindowInDays).toBe(30);
  });

  test("lets CloudWatch alarms of this account publish to the alerts topic, which e-mails someone", () => {
    const { alerts } = synthesized;
    const [, policy] = single(alerts as never, "AWS::SNS::TopicPolicy");
    const statements = (policy.PolicyDocument as { Statement: Record<string, unknown>[] })
      .Statement;
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: "Allow",
        Principal: { Service: "cloudwatch.amazonaws.com" },
        Action: "sns:Publish",
        Condition: { StringEquals: { "aws:SourceAccount": { Ref: "AWS::AccountId" } } },
      }),
    );
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: "Deny",
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      }),
    );
    const [, subscription] = single(alerts as never, "AWS::SNS::Subscription");
    expect(subscription).toMatchObject({ Protocol: "email", Endpoint: "ops@example.org" });
  });

  test("refuses to build a protected stage whose alarms would reach nobody", async () => {
    await expect(
      synthesize("production", {
        SPRIDA_MAIL_FROM: "sprida@mail.example.org",
        SPRIDA_ALERT_EMAIL: undefined,
      }),
    ).rejects.toThrow(/SPRIDA_ALERT_EMAIL is required/);
  });
});
