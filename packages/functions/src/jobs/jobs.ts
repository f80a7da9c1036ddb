import type { Job } from "@sprida/core/job";
import { Probe } from "@sprida/core/probe";

/** Every job the tick runs. Nightly rollups and the weekly e-mail join this list. */
export const Jobs: Job.JobDefinition[] = [
  {
    name: "pipeline-probe",
    description: "Sends a probe event through bus, ledger, stream and tally",
    run: async () => Probe.send(),
  },
];
