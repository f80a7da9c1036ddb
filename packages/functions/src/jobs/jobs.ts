import { Click } from "@sprida/core/click";
import { Content } from "@sprida/core/content";
import type { Job } from "@sprida/core/job";
import { Outbox } from "@sprida/core/outbox";
import { Probe } from "@sprida/core/probe";
import { Report } from "@sprida/core/report";
import { Rss } from "@sprida/core/rss";
import { Webhook } from "@sprida/core/webhook";
import { Weekly } from "@sprida/core/weekly";

const everyTick = { every: "tick" } as const;

/**
 * Every job the tick runs: global ones in the tick, organisation ones as one `job.unit` per
 * organisation (packages/core/src/job). The nightly rollup runs on each organisation's own
 * clock (`night`), the weekly e-mails on its own clock at the day and hour it chose.
 */
export const Jobs: Job.JobDefinition[] = [
  {
    name: "pipeline-probe",
    description: "Sends a probe event through bus, ledger, stream and tally",
    cadence: everyTick,
    run: async () => Probe.send(),
  },
  {
    name: "publish-scheduled",
    description: "Publishes each organisation's scheduled content items whose time has come",
    cadence: everyTick,
    dueOrgs: Content.orgsWithDue,
    runUnit: async ({ orgId }) => ({ published: await Content.publishDue(orgId) }),
  },
  {
    name: "rss-import",
    description: "Imports new items of each organisation's feeds not fetched in the last hour",
    cadence: everyTick,
    dueOrgs: Rss.orgsWithDue,
    runUnit: ({ orgId, now }) => Rss.importDue({ orgId, now }),
  },
  {
    name: "webhook-retry",
    description: "Retries each organisation's failed webhook deliveries whose backoff has passed",
    cadence: everyTick,
    dueOrgs: Webhook.orgsWithDue,
    runUnit: ({ orgId, now }) => Webhook.retryDue({ orgId, now }),
  },
  {
    name: "visitor-salt-purge",
    description:
      "Deletes every visitor salt older than 48 hours, so no visitor hash can be re-made",
    cadence: everyTick,
    run: ({ now }) => Click.purgeSalts({ now }),
  },
  {
    name: "nightly",
    description:
      "Rolls each organisation's finished local days up into weeks, months and quarters (after its local midnight), catching up missed days and refreshing those still inside the attribution window",
    cadence: { every: "night", atLocalHour: 1 },
    dueOrgs: Report.orgsWithFinishedDays,
    runUnit: ({ orgId, now }) => Report.rollUpDue({ orgId, now }),
  },
  {
    name: "weekly",
    description:
      "Fans each organisation's weekly e-mails (the admin report and the member digest of the week before) out in batches, on the weekday and at the local hour it chose (default Monday 08:00)",
    cadence: { every: "week", onLocalWeekday: 1, atLocalHour: 8 },
    cadenceOf: ({ weeklyMail }) => ({
      every: "week",
      onLocalWeekday: weeklyMail.weekday,
      atLocalHour: weeklyMail.hour,
    }),
    runUnit: ({ orgId, period }) => Weekly.fanOut({ orgId, period }),
  },
  {
    name: "outbox",
    description:
      "Publishes every event still in the outbox (the bus failed, or the process died after a change)",
    cadence: everyTick,
    run: ({ now }) => Outbox.republish({ now }),
  },
];
