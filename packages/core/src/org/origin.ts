import { Runtime } from "../runtime";

/**
 * Where an organisation's links point (e-mails, tracked links). Only the operator decides which
 * origins exist: the deployment's own (the distribution's domain on AWS, the running server
 * locally) and its alternates. An organisation may pick one of those, never type its own: an
 * admin who could point e-mailed sign-in links at a site of theirs would collect the tokens.
 */

/** The deployment's origins, its own first. */
export function deploymentOrigins(): string[] {
  const { publicOrigin, alternateOrigins = [] } = Runtime.use();
  return [...new Set([publicOrigin, ...alternateOrigins].map((origin) => new URL(origin).origin))];
}

/** What an organisation may choose: the deployment's https origins. */
export function originChoices(): string[] {
  return deploymentOrigins().filter((origin) => origin.startsWith("https://"));
}

/**
 * The base of the organisation's links: its choice while the deployment still offers it, else
 * the deployment's own. Checked on every use, so a value stored before this rule (or an origin
 * the operator has since withdrawn) is never used.
 */
export function publicOriginOf(org: { publicOrigin?: string | null | undefined }): string {
  const chosen = org.publicOrigin;
  return chosen && originChoices().includes(chosen) ? chosen : Runtime.use().publicOrigin;
}

/** Why an organisation may not choose `origin`, or undefined when it may. */
export function notOffered(origin: string): string | undefined {
  const choices = originChoices();
  if (choices.includes(origin)) return undefined;
  return choices.length === 0
    ? "This deployment offers no other origin; leave it unset (null)."
    : `Choose one of the deployment's origins: ${choices.join(", ")}.`;
}
