import { KMS_STAGE_CONTEXT_KEY } from "@sprida/core/keyring";
import { Duration, RemovalPolicy } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import * as kms from "aws-cdk-lib/aws-kms";
import type { App, Function as SstFunction, Stack } from "sst/constructs";
import { isProtected } from "./stage";

/** What KMS is asked for: a data key once per table, and its unwrapping once per cold start. */
export const KEYRING_ACTIONS = ["kms:Decrypt", "kms:GenerateDataKey"] as const;

/**
 * The stage's KMS key. It wraps the table's one data key, which seals every secret Sprida
 * stores (webhook secrets, the self-cookie masters, daily hashing keys, visitor salts: see
 * packages/core/src/keyring). KMS rotates its key material every year; a data key wrapped
 * under older material still unwraps. A protected stage keeps the key when the stage is
 * removed (its table is kept too, and is unreadable without it); a disposable one schedules its
 * deletion.
 */
export function keyringKey(stack: Stack): kms.Key {
  const app = stack.node.root as App;
  const kept = isProtected(app.stage);
  return new kms.Key(stack, "Keyring", {
    description: `Sprida ${app.stage}: wraps the data key that seals secrets in the table`,
    alias: `alias/${app.logicalPrefixedName("keyring")}`,
    enableKeyRotation: true,
    rotationPeriod: Duration.days(365),
    removalPolicy: kept ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    pendingWindow: Duration.days(kept ? 30 : 7),
  });
}

/**
 * Lets one function seal and open secrets: Decrypt and GenerateDataKey on the stage's key
 * only, and only under this stage's encryption context (kmsKeyWrapper sends it), and the
 * key's ARN in SPRIDA_KMS_KEY_ARN. Functions without it cannot unwrap the data key.
 */
export function grantKeyring(fn: SstFunction, key: kms.IKey): void {
  const app = fn.node.root as App;
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      actions: [...KEYRING_ACTIONS],
      resources: [key.keyArn],
      conditions: {
        StringEquals: { [`kms:EncryptionContext:${KMS_STAGE_CONTEXT_KEY}`]: app.stage },
      },
    }),
  );
  fn.addEnvironment("SPRIDA_KMS_KEY_ARN", key.keyArn);
}
