export { type Classification, type ClickFacts, classify } from "./classify";
export { deviceClass } from "./device";
export * from "./events";
export { type FollowRequest, follow, PUBLISH_TIMEOUT_MS } from "./follow";
export * as Click from "./index";
export { rememberMemberVisitor } from "./member-visitor";
export { ownDevicesOf } from "./own-devices";
export { prepareForLedger } from "./prepare";
export { referrerHost } from "./referrer";
export { purgeSalts } from "./salt-purge";
export {
  isSelfByCookie,
  SELF_COOKIE,
  SELF_COOKIE_MAX_AGE_SECONDS,
  SELF_COOKIE_ROTATION_SECONDS,
  selfCookieValue,
} from "./self-cookie";
export { type Visitor, visitorOf } from "./visitor";
