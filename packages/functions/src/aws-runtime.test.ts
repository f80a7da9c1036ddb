import { describe, expect, it } from "vitest";
import { awsRuntime } from "./aws-runtime";

const env = {
  SPRIDA_STAGE: "production",
  SPRIDA_TABLE_NAME: "production-sprida-Table",
  SPRIDA_EVENT_BUS_NAME: "production-sprida-Bus",
  SPRIDA_MAIL_FROM: "sprida@mail.example.org",
  AWS_REGION: "eu-north-1",
};

describe("the runtime on Lambda", () => {
  it("takes the public origin from the environment", () => {
    const runtime = awsRuntime({ ...env, SPRIDA_PUBLIC_ORIGIN: "https://advocacy.example.org" });
    expect(runtime.publicOrigin).toBe("https://advocacy.example.org");
  });

  it("builds without one for a function that makes no links, and fails loudly if one is asked for", () => {
    const runtime = awsRuntime(env);
    expect(runtime.tableName).toBe("production-sprida-Table");
    expect(() => runtime.publicOrigin).toThrow(/no public origin/);
  });

  it("refuses an incomplete environment", () => {
    expect(() => awsRuntime({ ...env, SPRIDA_TABLE_NAME: undefined })).toThrow(/incomplete/);
  });
});
