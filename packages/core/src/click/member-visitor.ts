import { isConditionalCheckFailure } from "../error";
import { Runtime } from "../runtime";
import { memberVisitorEntity } from "./member-visitor.entity";
import type { Visitor } from "./visitor";

/** Outlives every retry of a click's delivery (a dead letter is kept up to 14 days). */
const EXPIRY_SECONDS = 15 * 24 * 60 * 60;

/** Markers this instance has written: taking links all day writes once per visitor and day. */
const written = Runtime.perRuntime(() => new Set<string>());

/**
 * Remembers that this visitor hash is the member's today, so their own clicks from the same
 * browser and network count as self even without the cookie. First writer wins.
 */
export async function rememberMemberVisitor(
  orgId: string,
  memberId: string,
  { visitor, day }: Visitor,
): Promise<void> {
  const memo = written();
  const key = `${orgId}\n${memberId}\n${day}\n${visitor}`;
  if (memo.has(key)) return;
  const now = Runtime.use().now();
  try {
    await memberVisitorEntity()
      .create({
        orgId,
        memberId,
        day,
        visitor,
        createdAt: now.toISOString(),
        expiresAt: Math.floor(now.getTime() / 1000) + EXPIRY_SECONDS,
      })
      .go({ response: "none" });
  } catch (error) {
    if (!isConditionalCheckFailure(error)) throw error;
  }
  if (memo.size >= 10_000) memo.clear();
  memo.add(key);
}

/**
 * Whether the visitor was known as the member's on that day by `at`. A marker written after
 * the click does not count, so preparing the same click again gives the same answer.
 */
export async function isMemberVisitor(
  orgId: string,
  memberId: string,
  day: string,
  visitor: string,
  at: string,
): Promise<boolean> {
  const { data } = await memberVisitorEntity()
    .get({ orgId, memberId, day, visitor })
    .go({ consistent: true });
  return data !== null && data.createdAt <= at;
}
