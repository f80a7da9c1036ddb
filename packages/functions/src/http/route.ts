import type { Click } from "@sprida/core/click";
import type { Context } from "hono";
import type { z } from "zod";
import type { Access, CallerOf } from "./callers";

export type { Access } from "./callers";

export interface RouteInput<Body, Query, Params, Caller> {
  body: Body;
  query: Query;
  params: Params;
  /** Who called, as the route's access authenticated them: undefined on public routes only. */
  caller: Caller;
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
  A extends Access = Access,
> {
  method: "get" | "post" | "patch" | "put" | "delete";
  /** Hono path syntax, e.g. /api/admin/members/:memberId */
  path: string;
  summary: string;
  tag: string;
  /** Who may call it, which picks the authenticator (see ./callers). */
  access: A;
  body?: B;
  /** Content type of the body; JSON unless a route takes CSV text or a form (RFC 8058's POST). */
  bodyType?: "json" | "csv" | "form";
  query?: Q;
  params?: P;
  /** The success body; responses are parsed through it, so nothing undeclared leaks out. */
  response: R;
  status?: 200 | 201 | 202;
  /** The body to parse through `response`, or a finished Response (e.g. a CSV download). */
  handler(
    input: RouteInput<Out<B>, Out<Q>, Out<P>, CallerOf<A>>,
  ): Promise<z.input<R> | Response> | z.input<R> | Response;
}

/**
 * Ties each route's types to its own schemas and access: the handler's body, query, params
 * and caller follow from them. The route table holds them erased (the mount parses every
 * input through the route's own schemas, so the types hold at run time).
 */
export function defineRoute<
  B extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  P extends Schema | undefined = undefined,
  R extends Schema = Schema,
  const A extends Access = Access,
>(route: RouteDefinition<B, Q, P, R, A>): RouteDefinition {
  return route as unknown as RouteDefinition;
}
