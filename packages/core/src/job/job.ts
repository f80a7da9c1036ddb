import { type ErrorSummary, errorSummary } from "../log";
import type { OrgClock } from "../org";
import type { Cadence, JobResult, UnitInput } from "./job.schema";

/**
 * A job the tick runs once, for the whole system (the probe, the salt purge, the outbox):
 * each is isolated, one failing does not keep the others from running.
 */
export interface GlobalJob {
  name: string;
  description: string;
  cadence: { every: "tick" };
  run(input: { now: Date }): Promise<JobResult>;
}

/**
 * A job done organisation by organisation: the tick finds the (organisation, period) units
 * that are due and sends each as a `job.unit` event; each unit is claimed, run and recorded
 * on its own, so a failing organisation is retried alone.
 */
export interface OrgJob {
  name: string;
  description: string;
  cadence: Cadence;
  /**
   * The cadence for one organisation, when it chose its own (the weekly e-mails' day and
   * hour); `cadence` is the default and says what kind of period the job's units cover.
   */
  cadenceOf?(clock: OrgClock): Cadence;
  /**
   * The organisations that have work, when the job can tell cheaply (one query on its own
   * index of due items): only they get a unit. Without it, every organisation whose period
   * is due does.
   */
  dueOrgs?(input: { now: Date }): Promise<string[]>;
  runUnit(input: UnitInput): Promise<JobResult>;
}

export type JobDefinition = GlobalJob | OrgJob;

export const isOrgJob = (job: JobDefinition): job is OrgJob => "runUnit" in job;

export class UnknownJobError extends Error {
  constructor(name: string, known: string[]) {
    super(`Unknown job "${name}". Jobs: ${known.join(", ")}`);
    this.name = "UnknownJobError";
  }
}

export interface JobOutcome {
  name: string;
  ok: boolean;
  result?: JobResult;
  /** Logged and shown to operators: codes and ids, no personal data. */
  error?: ErrorSummary;
}

/** Runs one job's work and says how it went, never throwing: each job is isolated. */
export async function outcomeOf(name: string, work: () => Promise<JobResult>): Promise<JobOutcome> {
  try {
    return { name, ok: true, result: await work() };
  } catch (error) {
    return { name, ok: false, error: errorSummary(error) };
  }
}

/** Runs a global job and says how it went, never throwing. */
export const runGlobal = (job: GlobalJob, now: Date) => outcomeOf(job.name, () => job.run({ now }));

export function find(jobs: readonly JobDefinition[], name: string): JobDefinition {
  const job = jobs.find((candidate) => candidate.name === name);
  if (!job)
    throw new UnknownJobError(
      name,
      jobs.map((j) => j.name),
    );
  return job;
}

export function findGlobal(jobs: readonly JobDefinition[], name: string): GlobalJob {
  const job = find(jobs, name);
  if (isOrgJob(job)) throw new Error(`Job "${name}" runs per organisation, not globally`);
  return job;
}

export function findOrgJob(jobs: readonly JobDefinition[], name: string): OrgJob {
  const job = find(jobs, name);
  if (!isOrgJob(job)) throw new Error(`Job "${name}" runs globally, not per organisation`);
  return job;
}
