import type { MembershipRef } from "../member";
import { Campaign } from ".";

/** A campaign of the admin's organisation running all of 2026, for content to name. */
export const campaignOf = (admin: MembershipRef, campaignId: string) =>
  Campaign.create(admin, {
    campaignId,
    name: campaignId,
    startDay: "2026-01-01",
    endDay: "2026-12-31",
    goal: { kind: "confirmed_shares", target: 10 },
  });
