/** The member domain's public surface; `index.ts` exposes it as the `Member` namespace. */
export * from "./accept";
export * from "./admin";
export { currentCounts as counts } from "./counts";
export * from "./counts-by-day";
export { Events } from "./events";
export { type InvitationToMail, invitationToMail } from "./invitation-to-mail";
export { type Invitation, invite } from "./invite";
export * from "./invite-csv";
export * from "./leave";
export * from "./member.schema";
export * from "./profile";
export { get, list, membershipOf, membershipsOfPerson, refOf } from "./read";
export * from "./what-is-recorded";
