import type { MyDataExport } from "./my-data.schema";

type Category = Exclude<keyof MyDataExport, "version" | "exportedAt" | "organisation">;

/**
 * Where each kind of stored item that names a member or a person ends up in the export, by
 * the ElectroDB entity name. A test finds every entity with a member or person id and fails
 * on one missing here, so a new kind of record must be placed (or its absence explained).
 */
export const EXPORT_SOURCES: Record<
  string,
  { category: Category; exported: true } | { category: Category; exported: false; why: string }
> = {
  member: { category: "membership", exported: true },
  weeklySend: { category: "weekly_mail", exported: true },
  membershipLink: { category: "membership", exported: true },
  inviteToken: {
    category: "membership",
    exported: false,
    why: "Holds only the hash of the invitation link, which would let someone join as the member.",
  },
  person: { category: "email", exported: true },
  personEmail: { category: "email", exported: true },
  auditEntry: { category: "audit", exported: true },
  session: { category: "sessions", exported: true },
  personSession: {
    category: "sessions",
    exported: false,
    why: "An index of the person's sessions (ids only); the sessions themselves are exported.",
  },
  signInToken: {
    category: "sessions",
    exported: false,
    why: "Lives 15 minutes and holds only the hashes that would sign in; nothing in the export may sign anyone in.",
  },
  shareLink: { category: "shares", exported: true },
  shareLinkKey: { category: "shares", exported: true },
  ledgerEvent: { category: "clicks", exported: true },
  partitionTally: { category: "clicks", exported: true },
  uniqueClick: {
    category: "clicks",
    exported: false,
    why: "Holds readers' visitor hashes for 15 days (their daily key is deleted after 48 hours); whether a click was unique is exported with each click.",
  },
  dailyCounter: { category: "points", exported: true },
  memberTotal: { category: "points", exported: true },
  memberAward: { category: "points", exported: true },
  memberVisitor: { category: "own_clicks", exported: true },
};
