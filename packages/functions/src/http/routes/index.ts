import { Runtime } from "@sprida/core/runtime";
import { z } from "zod";
import { PUBLIC } from "../callers";
import { openApiDocument } from "../openapi";
import { defineRoute, type RouteDefinition } from "../route";
import { AdminMemberRoutes } from "./admin.routes";
import { AuthRoutes } from "./auth.routes";
import { ContentRoutes } from "./content.routes";
import { ConversionRoutes } from "./conversion.routes";
import { InviteRoutes } from "./invite.routes";
import { MailRoutes } from "./mail.routes";
import { MeRoutes } from "./me.routes";
import { OrganisationRoutes } from "./organisation.routes";
import { PointsRoutes } from "./points.routes";
import { ReportRoutes } from "./report.routes";
import { RssRoutes } from "./rss.routes";
import { SharingRoutes } from "./sharing.routes";
import { StatsRoutes } from "./stats.routes";
import { ValueRoutes } from "./value.routes";
import { WebhookRoutes } from "./webhook.routes";

const DomainRoutes: RouteDefinition[] = [
  ...AuthRoutes,
  ...InviteRoutes,
  ...MeRoutes,
  ...OrganisationRoutes,
  ...AdminMemberRoutes,
  ...ContentRoutes,
  ...SharingRoutes,
  ...RssRoutes,
  ...PointsRoutes,
  ...StatsRoutes,
  ...ReportRoutes,
  ...ValueRoutes,
  ...ConversionRoutes,
  ...WebhookRoutes,
  ...MailRoutes,
];

/** Every API route. Tests walk this table: a route added here without its tests fails them. */
export const ApiRoutes: RouteDefinition[] = [
  defineRoute({
    method: "get",
    path: "/api/health",
    summary: "Liveness",
    tag: "System",
    access: PUBLIC,
    response: z.object({ status: z.literal("ok"), stage: z.string() }),
    handler: () => ({ status: "ok" as const, stage: Runtime.use().stage }),
  }),
  defineRoute({
    method: "get",
    path: "/api/openapi.json",
    summary: "This API's OpenAPI 3.1 document, generated from its zod schemas",
    tag: "System",
    access: PUBLIC,
    response: z.record(z.string(), z.unknown()),
    handler: () => apiDocument(),
  }),
  ...DomainRoutes,
];

/** The OpenAPI document of every API route (served at /api/openapi.json; the tests' typed client is generated from it). */
export const apiDocument = () => openApiDocument(ApiRoutes, { version: "0.1.0" });
