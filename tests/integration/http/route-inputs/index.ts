import type { SeededOrg } from "../../../helpers/identity";
import { ContentRouteInputs } from "./content";
import { ConversionRouteInputs } from "./conversions";
import { IdentityRouteInputs } from "./identity";
import { MailRouteInputs } from "./mail";
import { PointsRouteInputs } from "./points";
import { ReportRouteInputs } from "./reports";
import { RssRouteInputs } from "./rss";
import { SharingRouteInputs } from "./sharing";
import type { AreaInputs, Fixtures, Input } from "./types";
import { WebhookRouteInputs } from "./webhooks";

export type { AreaInputs, Fixtures, Input, InputsFor } from "./types";

/** Every area's route inputs; each area keeps its own file. */
const AREAS: AreaInputs[] = [
  IdentityRouteInputs,
  ContentRouteInputs,
  SharingRouteInputs,
  RssRouteInputs,
  PointsRouteInputs,
  ReportRouteInputs,
  ConversionRouteInputs,
  WebhookRouteInputs,
  MailRouteInputs,
];

export const ROUTES_WITH_INPUTS = new Set(AREAS.flatMap((area) => Object.keys(area.routes)));

/** Runs every area's preparation in an organisation. */
export async function prepareFixtures(org: SeededOrg): Promise<Fixtures> {
  const fixtures: Fixtures = {};
  for (const area of AREAS) Object.assign(fixtures, await area.prepare?.(org));
  return fixtures;
}

export function inputFor(route: string, org: SeededOrg, fixtures: Fixtures): Input {
  for (const area of AREAS) {
    const inputs = area.routes[route];
    if (inputs) return inputs(org, fixtures);
  }
  throw new Error(
    `No route-table inputs for ${route}: add them under tests/integration/http/route-inputs/`,
  );
}

/** Every area's view of an organisation's data, for before/after comparisons. */
export async function snapshotAreas(org: SeededOrg): Promise<unknown[]> {
  return Promise.all(AREAS.map((area) => area.snapshot?.(org)));
}
