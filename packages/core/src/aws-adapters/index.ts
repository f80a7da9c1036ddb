/**
 * The AWS adapters a Lambda function's runtime is built from, without the domains behind
 * `@sprida/core/event` and `@sprida/core/keyring` (ElectroDB, full zod): every function's
 * runtime comes from these, the redirect's small bundle included.
 */
export { createEventBridgePublisher } from "../event/eventbridge-publisher.lean";
export { missingKeyWrapper } from "../keyring/key-wrapper.lean";
export { kmsKeyWrapper } from "../keyring/kms-key-wrapper.lean";
