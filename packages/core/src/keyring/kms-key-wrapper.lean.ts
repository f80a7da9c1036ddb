import { DecryptCommand, GenerateDataKeyCommand, type KMSClient } from "@aws-sdk/client-kms";
import type { KeyWrapper } from "./key-wrapper.lean";
import { kmsEncryptionContext } from "./kms-context";

/**
 * The data key wrapped by the stage's KMS key. The encryption context names the stage: the
 * functions' IAM grant requires it (infra/keyring.ts), so another stage's wrapped key, even
 * copied into this table, does not unwrap here. Decrypt names the key, so KMS never tries
 * another one the role might reach.
 */
export function kmsKeyWrapper(options: {
  client: KMSClient;
  keyArn: string;
  stage: string;
}): KeyWrapper {
  const { client, keyArn } = options;
  const context = kmsEncryptionContext(options.stage);
  return {
    kind: "kms",
    async generateDataKey() {
      const answer = await client.send(
        new GenerateDataKeyCommand({
          KeyId: keyArn,
          KeySpec: "AES_256",
          EncryptionContext: context,
        }),
      );
      if (!answer.Plaintext || !answer.CiphertextBlob) {
        throw new Error("KMS GenerateDataKey answered without a key");
      }
      return {
        plaintext: Buffer.from(answer.Plaintext),
        wrapped: Buffer.from(answer.CiphertextBlob).toString("base64"),
      };
    },
    async unwrap(wrapped) {
      const answer = await client.send(
        new DecryptCommand({
          KeyId: keyArn,
          CiphertextBlob: Buffer.from(wrapped, "base64"),
          EncryptionContext: context,
        }),
      );
      if (!answer.Plaintext) throw new Error("KMS Decrypt answered without a key");
      return Buffer.from(answer.Plaintext);
    },
  };
}
