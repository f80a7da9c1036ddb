import { z } from "zod";

/**
 * The breakdowns the tally keeps per local day. A row is (organisation, dimension, key, day):
 * `org` has the one key "all"; `segment` keys are "<field>:<value>" (office, unit,
 * competenceArea); `link` rows are also what caps a link's click points per day.
 */
export const Dimension = z.enum([
  "org",
  "content",
  "member",
  "channel",
  "campaign",
  "segment",
  "link",
]);
export type Dimension = z.infer<typeof Dimension>;

export const ORG_KEY = "all";

export const SEGMENT_FIELDS = ["office", "unit", "competenceArea"] as const;
export type SegmentField = (typeof SEGMENT_FIELDS)[number];

export const segmentKey = (field: SegmentField, value: string) => `${field}:${value}`;
