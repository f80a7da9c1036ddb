import { isConditionalCheckFailure } from "../error";
import { Runtime } from "../runtime";
import { uniqueClickEntity } from "./unique-click.entity";

/** Outlives every retry of a click's delivery (a dead letter is kept up to 14 days). */
const EXPIRY_SECONDS = 15 * 24 * 60 * 60;

/**
 * Claims "first human click of this visitor on this link this day" for the event. The
 * marker stores the winner, so the same event claiming again (a redelivery) finds itself
 * and stays unique, and any other event does not. The marker is read first: a returning
 * visitor then costs a read (a fifth of a write's price) instead of a failed conditional
 * write, which DynamoDB bills as a write.
 */
export async function claimUnique(
  linkCode: string,
  day: string,
  visitor: string,
  eventId: string,
): Promise<boolean> {
  const entity = uniqueClickEntity();
  const winner = async () =>
    (await entity.get({ linkCode, day, visitor }).go({ consistent: true })).data?.eventId;
  const existing = await winner();
  if (existing !== undefined) return existing === eventId;
  const expiresAt = Math.floor(Runtime.use().now().getTime() / 1000) + EXPIRY_SECONDS;
  try {
    await entity.create({ linkCode, day, visitor, eventId, expiresAt }).go({ response: "none" });
    return true;
  } catch (error) {
    if (!isConditionalCheckFailure(error)) throw error;
  }
  return (await winner()) === eventId;
}
