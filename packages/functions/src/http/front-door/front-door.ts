import { timingSafeEqual } from "node:crypto";
import type { ParameterReader } from "@sprida/core/runtime";

/**
 * The header CloudFront adds to every request it sends to the front-door function (the
 * paths other servers and plain HTML forms POST to; see infra/front-door.ts). Its value is
 * a random secret kept in Secrets Manager: the function's URL takes requests from anyone,
 * so this header is what shows a request came through the deployment's distribution.
 */
export const FRONT_DOOR_HEADER = "x-sprida-front-door";

/** Names the secret's SSM reference (`/aws/reference/secretsmanager/<secret>`). */
export const FRONT_DOOR_PARAMETER_VARIABLE = "SPRIDA_FRONT_DOOR_SECRET_PARAMETER";

/** After a mismatch the secret is read again at most this often (a rotation is picked up). */
const REREAD_AFTER_MS = 60_000;

const equal = (given: string, secret: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * Decides whether a request carries the distribution's secret. The secret is read once, and
 * again (at most once a minute) when a request does not match it, so that rotating the secret
 * and redeploying needs no restart; a request without the header never causes a read.
 */
export function frontDoorGate(
  parameterName: string,
  read: ParameterReader,
  now: () => number = Date.now,
) {
  let secret: Promise<string | undefined> | undefined;
  let readAt = 0;
  const load = () => {
    readAt = now();
    secret = read(parameterName);
    secret.catch(() => {
      secret = undefined;
    });
    return secret;
  };
  return async function admits(given: string | undefined): Promise<boolean> {
    if (!given) return false;
    const current = await (secret ?? load());
    if (current && equal(given, current)) return true;
    if (now() - readAt < REREAD_AFTER_MS) return false;
    const reread = await load();
    return reread !== undefined && equal(given, reread);
  };
}
