import { AsyncLocalStorage } from "node:async_hooks";

/** What every line of one request or one event says about where it comes from. */
export interface LogContext {
  /** The request's (or the event's originating request's) id, shown to people as a reference. */
  correlationId?: string;
  eventId?: string;
  orgId?: string;
  [key: string]: string | number | boolean | undefined;
}

/** One object per request or event, shared by everything running inside it. */
const storage = new AsyncLocalStorage<LogContext>();

export interface WithContextOptions {
  /**
   * Start from the surrounding context (the default) or from nothing. A Lambda invocation
   * starts from nothing: locally the bus and the stream poller invoke handlers from inside
   * whatever request published the event, whose context is not the handler's.
   */
  inherit?: boolean;
}

/** Runs `fn` with these fields on every line it logs, however deep and however async. */
export function withContext<T>(
  context: LogContext,
  fn: () => T,
  { inherit = true }: WithContextOptions = {},
): T {
  return storage.run({ ...(inherit ? storage.getStore() : {}), ...defined(context) }, fn);
}

/**
 * Adds fields to the current request's or event's context, for what is learnt on the way
 * (the caller's organisation once the session is read). Outside any context it does
 * nothing: a process-wide field would leak into other requests.
 */
export function appendContext(context: LogContext): void {
  const store = storage.getStore();
  if (store) Object.assign(store, defined(context));
}

/** A copy of the current context (empty outside one). */
export function currentContext(): LogContext {
  return { ...storage.getStore() };
}

function defined(context: LogContext): LogContext {
  return Object.fromEntries(Object.entries(context).filter(([, value]) => value !== undefined));
}
