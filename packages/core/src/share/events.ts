import { z } from "zod";
import { defineEvent } from "../event";
import { ChannelId } from "./share.schema";

const Ids = {
  linkCode: z.string().regex(/^[0-9A-Za-z]{10}$/),
  contentId: z.string().min(1).max(64),
  channel: ChannelId,
  memberId: z.string().min(1).max(64),
};

/**
 * Share events carry ids only (no destination, no text, no post URL): consumers read the
 * link by its code. The ledger keeps both in the link's partition (`link_<linkCode>`).
 */
export const Events = {
  Created: defineEvent("share.created", z.strictObject(Ids)),
  Confirmed: defineEvent(
    "share.confirmed",
    z.strictObject({ ...Ids, via: z.enum(["member", "first_unique_click"]) }),
  ),
};

/** The ledger partition of every event of one link (design: "the ledger is keyed by link"). */
export const linkPartition = (properties: { linkCode: string }) => `link_${properties.linkCode}`;
