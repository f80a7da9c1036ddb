import type { SeededOrg } from "../../../helpers/identity";

/** What the route-table test sends to a route, filled from the organisation it targets. */
export type Input = {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  csv?: string;
};

/** Ids of things an area created in an organisation for these tests (content, links...). */
export type Fixtures = Record<string, string>;

export type InputsFor = (org: SeededOrg, fixtures: Fixtures) => Input;

/** One area's routes: how to prepare an organisation, and each route's inputs. */
export interface AreaInputs {
  /** Creates what the area's routes act on (as the org's owner) and returns their ids. */
  prepare?: (org: SeededOrg) => Promise<Fixtures>;
  routes: Record<string, InputsFor>;
  /** What the area holds in an organisation, to prove a foreign call changed nothing. */
  snapshot?: (org: SeededOrg) => Promise<unknown>;
}
