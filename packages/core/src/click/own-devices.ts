import { Runtime } from "../runtime";
import { memberVisitorEntity } from "./member-visitor.entity";

/**
 * The day's visitor hashes remembered as the member's own (for their export), oldest first.
 * Expired rows are left out: TTL deletion may lag, but they are no longer kept for any use.
 */
export async function ownDevicesOf(
  orgId: string,
  memberId: string,
): Promise<{ day: string; visitor: string; createdAt: string }[]> {
  const nowSeconds = Math.floor(Runtime.use().now().getTime() / 1000);
  const { data } = await memberVisitorEntity()
    .query.byMember({ orgId, memberId })
    .go({ pages: "all" });
  return data
    .filter((row) => row.expiresAt > nowSeconds)
    .map(({ day, visitor, createdAt }) => ({ day, visitor, createdAt }));
}
