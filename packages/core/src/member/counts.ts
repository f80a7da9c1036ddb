import { Errors } from "../error";
import { type MemberTransaction, memberService } from "./member.entity";
import type { MemberStatus, Role } from "./member.schema";

export interface CountedState {
  status: MemberStatus;
  role: Role;
}

export interface CountDelta {
  active: number;
  invited: number;
  /** Active owners: the organisation must always keep one. */
  owners: number;
}

function contribution(state: CountedState | undefined): CountDelta {
  const active = state?.status === "active" ? 1 : 0;
  return {
    active,
    invited: state?.status === "invited" ? 1 : 0,
    owners: active && state?.role === "owner" ? 1 : 0,
  };
}

/** How a change of one membership (undefined: none) moves the organisation's counts. */
export function countDelta(
  before: CountedState | undefined,
  after: CountedState | undefined,
): CountDelta {
  const from = contribution(before);
  const to = contribution(after);
  return {
    active: to.active - from.active,
    invited: to.invited - from.invited,
    owners: to.owners - from.owners,
  };
}

function nonZero<T extends Record<string, number>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, by]) => by !== 0)) as Partial<T>;
}

/**
 * The counter writes that go into the SAME transaction as the status change. The member's
 * write is conditional on its previous status, so a retried change cannot count twice; a
 * change that removes an active owner is conditional on another active owner remaining.
 */
export function counterWrites(
  tx: MemberTransaction,
  orgId: string,
  day: string,
  delta: CountDelta,
) {
  const totals = nonZero({ active: delta.active, invited: delta.invited, owners: delta.owners });
  const perDay = nonZero({ active: delta.active, invited: delta.invited });
  const totalsWrite = () => {
    const update = tx.totals.update({ orgId }).add(totals);
    return delta.owners < 0
      ? update.where((attributes, op) => op.gt(attributes.owners, -delta.owners)).commit()
      : update.commit();
  };
  return [
    ...(Object.keys(totals).length > 0 ? [totalsWrite()] : []),
    ...(Object.keys(perDay).length > 0 ? [tx.day.update({ orgId, day }).add(perDay).commit()] : []),
  ];
}

/** The organisation's current totals (zero before anyone was invited). */
export async function currentCounts(orgId: string): Promise<CountDelta> {
  const { data } = await memberService().totals.get({ orgId }).go({ consistent: true });
  return { active: data?.active ?? 0, invited: data?.invited ?? 0, owners: data?.owners ?? 0 };
}

/**
 * Refuses a change that would leave no active owner. Checked before the transaction for a
 * clear message; the transaction's own condition is what makes it hold under races.
 */
export async function assertOwnerRemains(orgId: string, delta: CountDelta, message: string) {
  if (delta.owners >= 0) return;
  const { owners } = await currentCounts(orgId);
  if (owners + delta.owners < 1) throw Errors.conflict("last_owner", message);
}
