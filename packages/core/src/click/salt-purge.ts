import { forgetSalts } from "./salt";
import { SALT_GROUP, visitorSaltEntity } from "./visitor-salt.entity";

const SALT_HOURS = 48;

/**
 * Deletes every salt made more than 48 hours before `now`. A salt serves one local day
 * (at most 25 hours), so none in use is touched. Days sort as text, so the query reads
 * only days that can hold such a salt: a day's salt is made at or after that day began
 * somewhere (UTC+14 at the earliest), so it is older than 48 h only if its day is at most
 * the UTC date of now − 34 h, that is, before the UTC date of now − 10 h.
 */
export async function purgeSalts({ now }: { now: Date }): Promise<{ deleted: number }> {
  const entity = visitorSaltEntity();
  const cutoff = new Date(now.getTime() - SALT_HOURS * 60 * 60 * 1000).toISOString();
  const firstDayKept = new Date(now.getTime() - (SALT_HOURS - 14 - 24) * 60 * 60 * 1000)
    .toISOString()
    .slice(0, 10);
  const { data } = await entity.query
    .byDay({ group: SALT_GROUP })
    .lt({ day: firstDayKept })
    .go({ pages: "all" });
  const old = data.filter((salt) => salt.createdAt < cutoff);
  for (const salt of old) {
    await entity.delete({ group: SALT_GROUP, day: salt.day, orgId: salt.orgId }).go();
  }
  forgetSalts(old);
  return { deleted: old.length };
}
