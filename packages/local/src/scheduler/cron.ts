/**
 * The part of EventBridge's cron syntax our schedules use: `cron(minutes hours day-of-month
 * month day-of-week year)`, UTC, with `*`, numbers, lists, ranges and `a/b` steps in the
 * minutes and hours fields; the date fields must be `*` or `?`. Anything else is refused
 * loudly rather than misread, so a new schedule cannot silently run at the wrong time.
 */
export interface CronSchedule {
  minutes: ReadonlySet<number>;
  hours: ReadonlySet<number>;
}

export function parseCron(expression: string): CronSchedule {
  const match = /^cron\((.+)\)$/.exec(expression.trim());
  const fields = match?.[1]?.trim().split(/\s+/);
  if (fields?.length !== 6) {
    throw new Error(`Not an EventBridge cron expression with six fields: ${expression}`);
  }
  const [minutes = "", hours = "", ...dateFields] = fields;
  for (const field of dateFields) {
    if (field !== "*" && field !== "?") {
      throw new Error(`The local scheduler supports only * or ? in date fields: ${expression}`);
    }
  }
  return { minutes: parseField(minutes, 0, 59), hours: parseField(hours, 0, 23) };
}

function parseField(field: string, min: number, max: number): Set<number> {
  const values = new Set<number>();
  for (const part of field.split(",")) {
    const [range = "", stepText] = part.split("/");
    const step = stepText === undefined ? 1 : toNumber(stepText, 1, max, field);
    let from = min;
    let to = max;
    if (range !== "*") {
      const [start = "", end] = range.split("-");
      from = toNumber(start, min, max, field);
      to =
        end === undefined ? (stepText === undefined ? from : max) : toNumber(end, from, max, field);
    }
    for (let value = from; value <= to; value += step) values.add(value);
  }
  return values;
}

function toNumber(text: string, min: number, max: number, field: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new Error(`Cron field "${field}": ${text} is not a whole number from ${min} to ${max}`);
  }
  return value;
}

/** The first whole minute strictly after `after` that the schedule fires at (UTC). */
export function nextRun(schedule: CronSchedule, after: Date): Date {
  const candidate = new Date(after);
  candidate.setUTCSeconds(0, 0);
  for (let i = 0; i < 48 * 60; i++) {
    candidate.setUTCMinutes(candidate.getUTCMinutes() + 1);
    if (
      schedule.hours.has(candidate.getUTCHours()) &&
      schedule.minutes.has(candidate.getUTCMinutes())
    ) {
      return new Date(candidate);
    }
  }
  throw new Error("Cron schedule never fires");
}
