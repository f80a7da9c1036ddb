import { handle } from "hono/aws-lambda";
import { lambda } from "../lambda";
import { createApp } from "./app";

const app = handle(createApp());

export const handler = lambda(
  async (event: Parameters<typeof app>[0], context: Parameters<typeof app>[1]) =>
    app(event, context),
);
