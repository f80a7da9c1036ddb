import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureWebBuilt } from "@sprida/local/web";
import { Aspects } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { AssetManifestArtifact, type CloudFormationStackArtifact } from "aws-cdk-lib/cx-api";
import { AwsSolutionsChecks } from "cdk-nag";
import { App, getStack } from "sst/constructs";
import { initProject, useProject } from "sst/project.js";
import { Alerts, Api, Bus, Jobs, Monitoring, Storage, Streams } from "../../infra";
import config from "../../sst.config";

/**
 * Synthesizes the real app (sst.config.ts's own `stacks`, stage "test") offline, once per test
 * process: SST cannot synthesize twice in one process, and each synth builds every function
 * bundle with esbuild. `sst build` would need AWS credentials and hangs offline.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export const TEST_STAGE = "test";

/**
 * The deploy-time settings of the test synth (infra/settings.ts), as a deployment would export
 * them: a sender address and no custom domain, so functions find the public origin in SSM.
 * Variables a developer's shell may hold are overridden, so the synth is the same everywhere.
 */
export const TEST_DEPLOY_ENV = {
  SPRIDA_MAIL_FROM: "sprida@mail.example.org",
  SPRIDA_DOMAIN: undefined,
  SPRIDA_CERTIFICATE_ARN: undefined,
  // The stage's web ACL, made in us-east-1 from `npm run waf-template` (infra/waf.ts).
  SPRIDA_WAF_ACL_ARN:
    "arn:aws:wafv2:us-east-1:123456789012:global/webacl/sprida-test/0a1b2c3d-4e5f-6789-abcd-ef0123456789",
} as const;

/** The stack functions sst.config.ts composes, by stack id. */
const STACKS = { Alerts, Storage, Bus, Api, Streams, Jobs, Monitoring } as const;
export type StackName = keyof typeof STACKS;
export const STACK_NAMES = Object.keys(STACKS) as StackName[];

export type Resource = { Type: string; Properties?: Record<string, unknown> } & Record<
  string,
  unknown
>;

export interface SynthesizedStack {
  /** CloudFormation stack name, "<stage>-sprida-<id>". */
  stackName: string;
  template: Template;
  resources: Record<string, Resource>;
  /** Outputs of the template, by name. */
  outputs: Record<string, { Value: unknown }>;
  /** Stack ids this stack is deployed after ("test-sprida-Api"...). */
  dependsOn: string[];
}

export interface NagMessage {
  stack: StackName;
  level: string;
  /** Construct path of the finding. */
  path: string;
  /** "AwsSolutions-IAM5[Resource::*]: The IAM entity ..." */
  data: string;
}

export interface FunctionBundle {
  stack: StackName;
  logicalId: string;
  handler: string;
  /** Bytes of the bundle directory that is zipped and uploaded (sourcemaps excluded by SST). */
  bytes: number;
  /** The AWS SDK packages the bundle imports from the Lambda runtime rather than bundling. */
  runtimeImports: string[];
}

export interface SynthesizedApp {
  stacks: Record<StackName, SynthesizedStack>;
  nag: NagMessage[];
  bundles: FunctionBundle[];
  /**
   * The cloud assembly (cdk.out) directory, with cdk-nag's CSV reports. It is removed once
   * read (about 30 MB a run) unless SPRIDA_KEEP_CDK_OUT=1.
   */
  directory: string;
  seconds: number;
}

let synthesized: Promise<SynthesizedApp> | undefined;

export function synthesizeApp(): Promise<SynthesizedApp> {
  synthesized ??= synthesize();
  return synthesized;
}

async function synthesize(): Promise<SynthesizedApp> {
  const started = performance.now();
  // The Api stack uploads the hub's build (infra/web-site.ts): the asset must exist.
  await ensureWebBuilt();
  for (const [name, value] of Object.entries(TEST_DEPLOY_ENV)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await initProject({ stage: TEST_STAGE, root });
  const project = useProject();
  const outdir = mkdtempSync(path.join(tmpdir(), "sprida-infra-"));
  // SST builds each function into <artifacts>/<id> and runs `npm install --omit=dev` there. In
  // the repository's .sst/artifacts, a second synth running at the same time (another checkout's
  // test, a developer's) can delete that folder's package.json mid-install; npm then walks up
  // to the repository and prunes its dev dependencies. A folder of this synth's own cannot.
  project.paths.artifacts = path.join(outdir, "artifacts");
  const app = new App(
    { mode: "deploy", stage: TEST_STAGE, name: project.config.name, region: project.config.region },
    { outdir },
  );
  Aspects.of(app).add(new AwsSolutionsChecks());
  await config.stacks(app);
  await app.finish();
  const assembly = app.synth();

  const stacks = {} as Record<StackName, SynthesizedStack>;
  const nag: NagMessage[] = [];
  const bundles: FunctionBundle[] = [];
  for (const name of STACK_NAMES) {
    const artifact = assembly.getStackArtifact(getStack(STACKS[name]).artifactId);
    const template = artifact.template as {
      Resources?: Record<string, Resource>;
      Outputs?: Record<string, { Value: unknown }>;
    };
    const resources = template.Resources ?? {};
    stacks[name] = {
      stackName: artifact.stackName,
      template: Template.fromJSON(artifact.template),
      resources,
      outputs: template.Outputs ?? {},
      dependsOn: artifact.dependencies
        .filter((dependency) => !(dependency instanceof AssetManifestArtifact))
        .map((dependency) => dependency.id),
    };
    for (const message of artifact.messages) {
      const data = String(message.entry.data);
      if (data.startsWith("AwsSolutions-")) {
        nag.push({ stack: name, level: message.level, path: message.id, data });
      }
    }
    bundles.push(...functionBundles(name, artifact, resources));
  }
  if (process.env.SPRIDA_KEEP_CDK_OUT !== "1") {
    rmSync(outdir, { recursive: true, force: true });
  }
  return {
    stacks,
    nag,
    bundles,
    directory: assembly.directory,
    seconds: (performance.now() - started) / 1000,
  };
}

/** Maps each function's code (S3 key "<hash>.zip") to its staged asset directory. */
function functionBundles(
  stack: StackName,
  artifact: CloudFormationStackArtifact,
  resources: Record<string, Resource>,
): FunctionBundle[] {
  const manifests = artifact.dependencies.filter(
    (dependency): dependency is AssetManifestArtifact =>
      dependency instanceof AssetManifestArtifact,
  );
  const sources = new Map<string, string>();
  for (const manifest of manifests) {
    const contents = JSON.parse(readFileSync(manifest.file, "utf8")) as {
      files?: Record<string, { source: { path?: string } }>;
    };
    for (const [hash, file] of Object.entries(contents.files ?? {})) {
      if (file.source.path) {
        sources.set(`${hash}.zip`, path.resolve(path.dirname(manifest.file), file.source.path));
      }
    }
  }
  return Object.entries(resources).flatMap(([logicalId, resource]) => {
    if (resource.Type !== "AWS::Lambda::Function") return [];
    const properties = resource.Properties ?? {};
    const code = properties.Code as { S3Key?: unknown } | undefined;
    const source = typeof code?.S3Key === "string" ? sources.get(code.S3Key) : undefined;
    if (source === undefined) return [];
    return [
      {
        stack,
        logicalId,
        handler: String(properties.Handler),
        bytes: sizeOf(source),
        runtimeImports: runtimeImportsOf(source),
      },
    ];
  });
}

/** `import ... from "@aws-sdk/client-dynamodb"` and the like, left in the bundle by esbuild. */
function runtimeImportsOf(directory: string): string[] {
  const found = new Set<string>();
  for (const entry of readdirSync(directory, { recursive: true, encoding: "utf8" })) {
    if (!/\.m?js$/.test(entry)) continue;
    const code = readFileSync(path.join(directory, entry), "utf8");
    for (const match of code.matchAll(/from\s*"(@aws-sdk\/[a-z0-9-]+)"/g))
      found.add(String(match[1]));
  }
  return [...found].sort();
}

function sizeOf(file: string): number {
  const stats = statSync(file);
  if (!stats.isDirectory()) return stats.size;
  return readdirSync(file).reduce((total, entry) => total + sizeOf(path.join(file, entry)), 0);
}
