import { readSsmParameter } from "@sprida/core/runtime";
import { handle } from "hono/aws-lambda";
import { lambda } from "../../lambda";
import { createApp } from "../app";
import { FRONT_DOOR_HEADER, FRONT_DOOR_PARAMETER_VARIABLE, frontDoorGate } from "./front-door";

type Event = Parameters<ReturnType<typeof handle>>[0];
type Context = Parameters<ReturnType<typeof handle>>[1];

const refused = {
  statusCode: 403,
  headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
  body: JSON.stringify({
    error: { code: "forbidden", message: "Requests reach Sprida through its own address only." },
  }),
};

/**
 * The same app as the API function, behind a function URL without IAM auth, for what cannot
 * send the SHA-256 of its body that the API's origin access control needs: SCIM clients,
 * conversion posts from other servers, one-click unsubscribes from mail providers and plain
 * HTML forms. A request without the distribution's secret header is refused before the app
 * sees it; the header is removed before the app does.
 */
export function frontDoorHandler(admits: (given: string | undefined) => Promise<boolean>) {
  const app = handle(createApp());
  return lambda(async (event: Event, context: Context) => {
    const headers = event.headers ?? {};
    const given = headers[FRONT_DOOR_HEADER];
    if (!(await admits(typeof given === "string" ? given : undefined))) return refused;
    const { [FRONT_DOOR_HEADER]: _secret, ...rest } = headers;
    return app({ ...event, headers: rest } as Event, context);
  });
}

const parameterName = process.env[FRONT_DOOR_PARAMETER_VARIABLE];

export const handler = frontDoorHandler(
  parameterName
    ? frontDoorGate(parameterName, readSsmParameter)
    : // A deployment that forgot the secret lets nothing through.
      async () => false,
);
