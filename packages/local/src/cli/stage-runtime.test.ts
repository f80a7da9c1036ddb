import type { App } from "sst/constructs";
import { describe, expect, it } from "vitest";
import { mailConfigurationSetName } from "../../../../infra/mail";
import { DEFAULT_REGION } from "../../../../infra/region";
import { publicOriginParameterName } from "../../../../infra/settings";
import {
  publicOriginSource,
  StageName,
  stageEnvironment,
  stageRegion,
  stageResources,
  stageRuntime,
} from "./stage-runtime";

/** What the infra's naming functions read of SST's App. */
const appOf = (stage: string) => ({ name: "sprida", stage }) as App;

describe("a deployed stage's resources, found from its name alone", () => {
  it("names the table and the bus as SST's logicalPrefixedName does: <stage>-sprida-<id>", () => {
    expect(stageResources("production")).toMatchObject({
      tableName: "production-sprida-Table",
      eventBusName: "production-sprida-Bus",
    });
    expect(stageResources("pr-42").tableName).toBe("pr-42-sprida-Table");
  });

  it("names the configuration set and the public origin's parameter as the infra does", () => {
    for (const stage of ["production", "dev-anna", "pr-42"]) {
      const resources = stageResources(stage);
      expect(resources.mailConfigurationSet).toBe(mailConfigurationSetName(appOf(stage)));
      expect(resources.publicOriginParameter).toBe(publicOriginParameterName(appOf(stage)));
    }
    expect(stageResources("production")).toMatchObject({
      mailConfigurationSet: "sprida-production-mail",
      publicOriginParameter: "/sprida/production/public-origin",
    });
  });

  it("accepts only stage names SST accepts", () => {
    expect(StageName.safeParse("production").success).toBe(true);
    expect(StageName.safeParse("dev-anna2").success).toBe(true);
    for (const bad of ["", "1st", "prod/../x", "prod uction", "-x"]) {
      expect(StageName.safeParse(bad).success).toBe(false);
    }
  });

  it("takes the region from --region, else SPRIDA_REGION, else the deployments' default", () => {
    expect(stageRegion("eu-west-1", { SPRIDA_REGION: "eu-central-1" })).toBe("eu-west-1");
    expect(stageRegion(undefined, { SPRIDA_REGION: "eu-central-1" })).toBe("eu-central-1");
    expect(stageRegion(undefined, {})).toBe(DEFAULT_REGION);
    expect(DEFAULT_REGION).toBe("eu-north-1");
  });

  it("takes the public origin from the flag, SPRIDA_PUBLIC_ORIGIN, SPRIDA_DOMAIN, else SSM", () => {
    const resources = stageResources("production");
    const env = {
      SPRIDA_PUBLIC_ORIGIN: "https://env.example",
      SPRIDA_DOMAIN: "Advocacy.example.org,dela.example.se",
    };
    expect(publicOriginSource("https://flag.example", env, resources)).toEqual({
      origin: "https://flag.example",
    });
    expect(publicOriginSource(undefined, env, resources)).toEqual({
      origin: "https://env.example",
    });
    expect(publicOriginSource(undefined, { SPRIDA_DOMAIN: env.SPRIDA_DOMAIN }, resources)).toEqual({
      origin: "https://advocacy.example.org",
    });
    expect(publicOriginSource(undefined, {}, resources)).toEqual({
      parameterName: "/sprida/production/public-origin",
    });
  });

  it("gives awsRuntime the environment a function of the stage gets", () => {
    expect(
      stageEnvironment({
        stage: "production",
        region: "eu-north-1",
        mailFrom: "sprida@mail.example.org",
        source: { parameterName: "/sprida/production/public-origin" },
      }),
    ).toEqual({
      SPRIDA_STAGE: "production",
      SPRIDA_TABLE_NAME: "production-sprida-Table",
      SPRIDA_EVENT_BUS_NAME: "production-sprida-Bus",
      SPRIDA_MAIL_FROM: "sprida@mail.example.org",
      SPRIDA_MAIL_CONFIGURATION_SET: "sprida-production-mail",
      AWS_REGION: "eu-north-1",
      SPRIDA_PUBLIC_ORIGIN_PARAMETER: "/sprida/production/public-origin",
    });
  });

  it("builds the runtime on the stage's table, reading the public origin from its parameter", async () => {
    const asked: string[] = [];
    const runtime = await stageRuntime(
      {
        stage: "production",
        region: "eu-west-1",
        mailFrom: "sprida@mail.example.org",
        source: { parameterName: "/sprida/production/public-origin" },
      },
      async (name) => {
        asked.push(name);
        return "https://d111111abcdef8.cloudfront.net";
      },
    );
    expect(asked).toEqual(["/sprida/production/public-origin"]);
    expect(runtime).toMatchObject({
      stage: "production",
      tableName: "production-sprida-Table",
      mailFrom: "sprida@mail.example.org",
      mailConfigurationSet: "sprida-production-mail",
      publicOrigin: "https://d111111abcdef8.cloudfront.net",
    });
    expect(await runtime.dynamo.config.region()).toBe("eu-west-1");
  });

  it("says which parameter it could not read, and what to give instead", async () => {
    const failing = stageRuntime(
      {
        stage: "production",
        region: "eu-north-1",
        mailFrom: "sprida@mail.example.org",
        source: { parameterName: "/sprida/production/public-origin" },
      },
      async () => {
        throw Object.assign(new Error("Parameter not found"), { name: "ParameterNotFound" });
      },
    );
    await expect(failing).rejects.toThrow(
      /\/sprida\/production\/public-origin in eu-north-1 \(ParameterNotFound.*--public-origin/s,
    );
  });
});
