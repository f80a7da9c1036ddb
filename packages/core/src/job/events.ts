import { defineEvent } from "../event";
import { JobUnit } from "./job.schema";

/**
 * `job.unit`: one organisation's share of a job for one period, sent by the tick. Its rule
 * (packages/functions/src/jobs/unit-rule.ts) runs it with its own retries and dead letters.
 */
export const Events = {
  Unit: defineEvent("job.unit", JobUnit),
};
