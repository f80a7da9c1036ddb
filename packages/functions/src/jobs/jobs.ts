import { Click } from "@sprida/core/click";
import { Content } from "@sprida/core/content";
import type { Job } from "@sprida/core/job";
import { Outbox } from "@sprida/core/outbox";
import { Probe } from "@sprida/core/probe";
import { Rss } from "@sprida/core/rss";
import { Webhook } from "@sprida/core/webhook";

/** Every job the tick runs. Nightly rollups and the weekly e-mail join this list. */
export const Jobs: Job.JobDefinition[] = [
  {
    name: "pipeline-probe",
    description: "Sends a probe event through bus, ledger, stream and tally",
    run: async () => Probe.send(),
  },
  {
    name: "publish-scheduled",
    description: "Publishes every scheduled content item whose time has come",
    run: async () => ({ published: await Content.publishDue() }),
  },
  {
    name: "rss-import",
    description: "Imports new items of every RSS/Atom feed not fetched in the last hour",
    run: ({ now }) => Rss.importAll({ now }),
  },
  {
    name: "webhook-retry",
    description: "Retries every failed webhook delivery whose backoff has passed",
    run: ({ now }) => Webhook.retryDue({ now }),
  },
  {
    name: "visitor-salt-purge",
    description:
      "Deletes every visitor salt older than 48 hours, so no visitor hash can be re-made",
    run: ({ now }) => Click.purgeSalts({ now }),
  },
  {
    name: "outbox",
    description:
      "Publishes every event still in the outbox (the bus failed, or the process died after a change)",
    run: ({ now }) => Outbox.republish({ now }),
  },
];
