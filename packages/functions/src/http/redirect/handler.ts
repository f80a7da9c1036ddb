import { handle } from "hono/aws-lambda";
import { lambda } from "../../lambda";
import { createRedirectApp } from "./app";

const app = handle(createRedirectApp());

/** The redirect's Lambda entry: `/r/*` behind CloudFront (CloudFront-Viewer-Address). */
export const handler = lambda(
  async (event: Parameters<typeof app>[0], context: Parameters<typeof app>[1]) =>
    app(event, context),
);
