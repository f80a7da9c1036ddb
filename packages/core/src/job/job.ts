import { z } from "zod";
import { type ErrorSummary, errorSummary } from "../error/log-safe";

export const JobInput = z.strictObject({
  /** Limits an organisation-scoped job to one organisation. */
  orgId: z.string().min(1).optional(),
  /** The tick's time: jobs decide what is due from it, not from the clock. */
  now: z.date(),
});
export type JobInput = z.infer<typeof JobInput>;

export interface JobDefinition {
  name: string;
  description: string;
  /** Jobs run on every 15-minute tick; organisation-scoped jobs decide per organisation's local time. */
  run(input: JobInput): Promise<Record<string, unknown>>;
}

export class UnknownJobError extends Error {
  constructor(name: string, known: string[]) {
    super(`Unknown job "${name}". Jobs: ${known.join(", ")}`);
    this.name = "UnknownJobError";
  }
}

export interface JobOutcome {
  name: string;
  ok: boolean;
  result?: Record<string, unknown>;
  /** Logged and shown to operators: codes and ids, no personal data. */
  error?: ErrorSummary;
}

/** Runs jobs one after another; one failing job does not keep the others from running. */
export async function runAll(jobs: JobDefinition[], input: JobInput): Promise<JobOutcome[]> {
  const outcomes: JobOutcome[] = [];
  for (const job of jobs) {
    try {
      outcomes.push({ name: job.name, ok: true, result: await job.run(JobInput.parse(input)) });
    } catch (error) {
      outcomes.push({ name: job.name, ok: false, error: errorSummary(error) });
    }
  }
  return outcomes;
}

export function find(jobs: JobDefinition[], name: string): JobDefinition {
  const job = jobs.find((candidate) => candidate.name === name);
  if (!job)
    throw new UnknownJobError(
      name,
      jobs.map((j) => j.name),
    );
  return job;
}
