import { Org } from "../org";
import { duePeriod, followsLocalTime } from "./cadence";
import type { OrgJob } from "./job";
import type { JobUnit } from "./job.schema";

/**
 * The units of an organisation job due at `now`: one per organisation with work (the job's
 * `dueOrgs`) or, without it, per organisation; for a local-time cadence, only those whose own
 * clock has reached it (at the time it chose, `cadenceOf`), each with its own period. The organisations' time zones come from the
 * organisation directory (one paged query), read only when the cadence needs them.
 */
export async function dueUnits(job: OrgJob, now: Date): Promise<JobUnit[]> {
  const withWork = job.dueOrgs ? new Set(await job.dueOrgs({ now })) : undefined;
  if (withWork?.size === 0) return [];
  if (!followsLocalTime(job.cadence) && withWork) {
    // The same period everywhere: no time zone needed.
    const period = duePeriod(job.cadence, "UTC", now);
    return period ? [...withWork].map((orgId) => ({ job: job.name, orgId, period })) : [];
  }
  const units: JobUnit[] = [];
  for (const clock of await Org.everyOrgClock()) {
    if (withWork && !withWork.has(clock.orgId)) continue;
    const cadence = job.cadenceOf?.(clock) ?? job.cadence;
    const period = duePeriod(cadence, clock.timeZone, now);
    if (period) units.push({ job: job.name, orgId: clock.orgId, period });
  }
  return units;
}
