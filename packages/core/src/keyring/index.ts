export * as Keyring from "./index";
export type { KeyWrapper } from "./key-wrapper.lean";
export { missingKeyWrapper } from "./key-wrapper.lean";
export { KMS_STAGE_CONTEXT_KEY, kmsEncryptionContext } from "./kms-context";
export { kmsKeyWrapper } from "./kms-key-wrapper.lean";
export { localKeyWrapper } from "./local-key-wrapper";
export { isSealed, open, preload, seal } from "./seal";
