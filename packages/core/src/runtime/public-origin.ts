/**
 * The public origin (base of every link in an e-mail) when the deployment could not put it in
 * the environment.
 *
 * With a custom domain the infra sets SPRIDA_PUBLIC_ORIGIN itself. Without one the origin is
 * the CloudFront distribution's domain, which exists only after the API function (the
 * distribution sits in front of the function's URL), so the infra publishes it in an SSM
 * parameter and gives every function the parameter's name in SPRIDA_PUBLIC_ORIGIN_PARAMETER
 * (infra/settings.ts). A Lambda entry calls this once at cold start, before Runtime.use():
 *
 *   await resolvePublicOrigin(process.env);
 *
 * It sets env.SPRIDA_PUBLIC_ORIGIN from the parameter, which the runtime then validates as
 * usual. When SPRIDA_PUBLIC_ORIGIN is already set, or neither variable is (the local runtime,
 * tests), it does nothing. A failed read is not remembered: the next call tries again (the
 * parameter is created a little after the functions on a stage's first deploy).
 */

export const PUBLIC_ORIGIN_PARAMETER_VARIABLE = "SPRIDA_PUBLIC_ORIGIN_PARAMETER";

/** Reads one SSM parameter's value. */
export type ParameterReader = (name: string) => Promise<string | undefined>;

const resolving = new WeakMap<NodeJS.ProcessEnv, Promise<string | undefined>>();

export function resolvePublicOrigin(
  env: NodeJS.ProcessEnv = process.env,
  read: ParameterReader = readSsmParameter,
): Promise<string | undefined> {
  if (env.SPRIDA_PUBLIC_ORIGIN) return Promise.resolve(env.SPRIDA_PUBLIC_ORIGIN);
  const name = env[PUBLIC_ORIGIN_PARAMETER_VARIABLE];
  if (!name) return Promise.resolve(undefined);
  let pending = resolving.get(env);
  if (pending === undefined) {
    pending = read(name).then((value) => {
      const origin = asOrigin(name, value);
      env.SPRIDA_PUBLIC_ORIGIN = origin;
      return origin;
    });
    resolving.set(env, pending);
    pending.catch(() => resolving.delete(env));
  }
  return pending;
}

/** "https://d111111abcdef8.cloudfront.net": an https origin, nothing after the host. */
function asOrigin(name: string, value: string | undefined): string {
  let url: URL | undefined;
  try {
    url = new URL(value ?? "");
  } catch {
    url = undefined;
  }
  if (url?.protocol !== "https:" || url.origin !== value) {
    throw new Error(`SSM parameter ${name} holds "${value}", not an https origin`);
  }
  return value;
}

/**
 * Reads one SSM parameter's value, decrypted: also a Secrets Manager secret through its
 * `/aws/reference/secretsmanager/<name>` parameter name.
 */
export async function readSsmParameter(name: string): Promise<string | undefined> {
  const { GetParameterCommand, SSMClient } = await import("@aws-sdk/client-ssm");
  const client = new SSMClient({ region: process.env.AWS_REGION });
  const { Parameter } = await client.send(
    new GetParameterCommand({ Name: name, WithDecryption: true }),
  );
  return Parameter?.Value;
}
