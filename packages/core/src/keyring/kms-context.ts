/** The encryption context key that binds a wrapped data key to its stage. */
export const KMS_STAGE_CONTEXT_KEY = "sprida:stage";

/** Shared with the infra, whose KMS grant is conditional on exactly this context. */
export function kmsEncryptionContext(stage: string): Record<string, string> {
  return { [KMS_STAGE_CONTEXT_KEY]: stage };
}
