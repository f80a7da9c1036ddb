/** The member domain's public surface, also exposed as one namespace. */
export * from "./accept";
export { loadActor, loadAdmin } from "./actor";
export * from "./admin";
export { currentCounts as counts } from "./counts";
export * from "./counts-by-day";
export { Events } from "./events";
export * from "./guidelines";
export * as Member from "./index";
export { type InvitationToMail, invitationToMail } from "./invitation-to-mail";
export { type Invitation, invite } from "./invite";
export * from "./invite-csv";
export * from "./leave";
export * from "./member.schema";
export * from "./profile";
export { find, get, list, membershipOf, membershipsOfPerson, refOf } from "./read";
export * from "./what-is-recorded";
