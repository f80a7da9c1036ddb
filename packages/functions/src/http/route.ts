import type { Click } from "@sprida/core/click";
import type { Role } from "@sprida/core/member";
import type { Context } from "hono";
import type { z } from "zod";

/** Who may call a route: anyone, or a signed-in member of at least this role. */
export type Access = "public" | Role;

/** The signed-in caller, always from the session, never from the request. */
export interface Caller {
  sessionId: string;
  personId: string;
  orgId: string;
  memberId: string;
  role: Role;
  /** How the session began (a session begun with an invitation cannot switch organisation). */
  startedBy: "sign-in" | "invitation";
}

export interface RouteInput<Body, Query, Params> {
  body: Body;
  query: Query;
  params: Params;
  /** Present on every route whose access is not "public". */
  caller: Caller | undefined;
  /** A keyed hash of the trusted client address: for rate limits, never the address itself. */
  clientKey: string;
  /**
   * The caller's visitor hash in an organisation now, as its tracked links would see this
   * browser: the hash of the trusted address, never the address itself.
   */
  visitorFor(orgId: string): Promise<Click.Visitor>;
  c: Context;
}

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteDefinition<
  B extends Schema | undefined = Schema | undefined,
  Q extends Schema | undefined = Schema | undefined,
  P extends Schema | undefined = Schema | undefined,
  R extends Schema = Schema,
> {
  method: "get" | "post" | "patch" | "put" | "delete";
  /** Hono path syntax, e.g. /api/admin/members/:memberId */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  body?: B;
  /** Content type of the body; JSON unless a route takes CSV text. */
  bodyType?: "json" | "csv";
  query?: Q;
  params?: P;
  /** The success body; responses are parsed through it, so nothing undeclared leaks out. */
  response: R;
  status?: 200 | 201 | 202;
  /** The body to parse through `response`, or a finished Response (e.g. a CSV download). */
  handler(
    input: RouteInput<Out<B>, Out<Q>, Out<P>>,
  ): Promise<z.input<R> | Response> | z.input<R> | Response;
}

/** Keeps each route's types tied to its own schemas. */
export function defineRoute<
  B extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  P extends Schema | undefined = undefined,
  R extends Schema = Schema,
>(route: RouteDefinition<B, Q, P, R>): RouteDefinition {
  return route as unknown as RouteDefinition;
}
