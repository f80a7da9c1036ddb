/**
 * The click domain as the redirect function needs it, and nothing more: `@sprida/core/click`
 * brings the ledger's side too (ElectroDB, full zod), which the redirect's bundle must not.
 */

export { type FollowRequest, follow, PUBLISH_TIMEOUT_MS } from "../follow";
export { SELF_COOKIE } from "../self-cookie-check";
export * as Click from "./index";
