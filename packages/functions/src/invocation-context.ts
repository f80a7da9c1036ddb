import { randomUUID } from "node:crypto";
import type { Log } from "@sprida/core/log";
import * as z from "zod/mini";

/** An EventBridge delivery of one of our events: its metadata names the event and organisation. */
const OurEvent = z.object({
  detail: z.object({
    metadata: z.object({
      eventId: z.string(),
      orgId: z.string(),
      correlationId: z.optional(z.string()),
    }),
  }),
});

const LambdaContext = z.object({ awsRequestId: z.string().check(z.minLength(1)) });

/**
 * The log context of one invocation. An event keeps the correlation id of the request that
 * published it, so a click's or an invitation's lines can be followed from the request to
 * every handler; anything else is correlated by the Lambda request id (or, locally, where
 * handlers are called without one, a new id).
 */
export function invocationContext(event: unknown, context: unknown): Log.LogContext {
  const requestId = LambdaContext.safeParse(context).data?.awsRequestId;
  const metadata = OurEvent.safeParse(event).data?.detail.metadata;
  return {
    correlationId: metadata?.correlationId ?? requestId ?? randomUUID(),
    eventId: metadata?.eventId,
    orgId: metadata?.orgId,
  };
}
