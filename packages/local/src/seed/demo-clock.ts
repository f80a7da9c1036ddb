import { Runtime } from "@sprida/core/runtime";

/**
 * The runtime's clock set back, so the demo's past happens through the same commands as
 * today: a join on day X moves day X's member counts, a click on day X carries day X's
 * visitor salt and local day. The clock keeps running from where it is set (an action
 * taken after another is later, as in life); a day's work takes far less than the hours
 * left in it. Consumers running meanwhile see the same clock, as they would have then.
 */
export function demoClock() {
  const real = Runtime.use();
  let anchor = Date.now();
  let setAt = Date.now();
  Runtime.provide({ ...real, now: () => new Date(anchor + (Date.now() - setAt)) });
  return {
    /** Mid-morning of a local day (Europe/Stockholm is UTC+1 or +2: 10:00 or 11:00). */
    setDay(day: string) {
      anchor = Date.parse(`${day}T09:00:00.000Z`);
      setAt = Date.now();
    },
    /** The real clock again, with the runtime (and its caches) as it was. */
    restore() {
      Runtime.provide(real);
    },
  };
}
