import { promises as dns } from "node:dns";
import {
  request as httpRequest,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type RequestOptions,
} from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP, type LookupFunction } from "node:net";
import type { Transform } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import { DomainError, Errors } from "../error";
import { refusalFor, refusalMessage } from "./address-policy";

export const USER_AGENT = "SpridaBot/1.0 (+https://github.com/sprida)";

export const DEFAULT_LIMITS = {
  timeoutMs: 8_000,
  maxBytes: 2 * 1024 * 1024,
  maxRedirects: 5,
  maxHeaders: 100,
} as const;

/** Longer addresses are refused before anything else: no real page needs one. */
const MAX_URL_LENGTH = 4096;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface FetchOptions {
  /** Total time for everything: DNS, every redirect hop and the body. */
  timeoutMs?: number;
  /** Largest body accepted, counted after decompression. */
  maxBytes?: number;
  maxRedirects?: number;
  /** Most response headers accepted on any hop. */
  maxHeaders?: number;
  /** What a body beyond `maxBytes` does: "refuse" (the default) fails with `too_large`;
   * "truncate" keeps the first `maxBytes` and sets `truncated` (for readers that need only
   * the start of a document, like the <head> of a page). */
  overflow?: "refuse" | "truncate";
  /** The Accept header. */
  accept?: string;
  /**
   * "POST" sends `body` (webhooks). A POST never follows a redirect: re-sending the body to
   * wherever the answer points would let a receiver forward signed data anywhere, so a
   * redirect answer fails with `fetch_failed` whatever `maxRedirects` says.
   */
  method?: "GET" | "POST";
  /** Sent with a POST, with Content-Length; its media type goes in `headers`. */
  body?: string | Buffer;
  /**
   * Extra request headers (names in lower case). They cannot replace the ones the fetcher
   * owns (host, content-length, transfer-encoding, connection, user-agent).
   */
  headers?: Readonly<Record<string, string>>;
  signal?: AbortSignal;
  /**
   * For tests only: exact "host:port" entries (as in the URL, e.g. "127.0.0.1:4123",
   * "[::1]:4123") whose addresses are not checked. Each hop is matched on its own, so a
   * redirect from an allowed server to any other host or port is checked as usual. Cloud
   * metadata addresses are refused even here. Production code never passes it.
   */
  allow?: { hosts: readonly string[] };
}

export interface FetchResult {
  /** The address of the last hop, after redirects. */
  finalUrl: string;
  status: number;
  /** The media type, lower case, without parameters ("text/html"); null when not sent. */
  contentType: string | null;
  body: Buffer;
  /** Response headers, names in lower case; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** True when `overflow: "truncate"` cut the body at `maxBytes`. */
  truncated: boolean;
}

type Limits = Required<
  Pick<FetchOptions, "timeoutMs" | "maxBytes" | "maxRedirects" | "maxHeaders">
>;

interface Hop {
  limits: Limits;
  overflow: "refuse" | "truncate";
  accept: string;
  method: "GET" | "POST";
  body: Buffer | undefined;
  headers: Readonly<Record<string, string>>;
  signal: AbortSignal;
  allowed: ReadonlySet<string>;
}

type Answer =
  | { kind: "redirect"; status: number; location: string }
  | { kind: "final"; result: Omit<FetchResult, "finalUrl"> };

/**
 * Fetches an address someone typed or a page linked to. The one way Sprida reaches a URL
 * an admin or member supplies: http(s) only, and never an address on a private, loopback,
 * link-local or otherwise non-public network. Each hop resolves the name itself, checks every
 * address it resolves to, and connects to the checked address (so a second DNS answer cannot
 * swap it); redirects are followed by hand and each one is checked again. Time, size,
 * redirects and headers are bounded. Errors are `invalid` DomainErrors with codes
 * `url_refused`, `fetch_failed`, `too_large` and `timeout`, and messages for people.
 */
export async function fetchUrl(url: string, options: FetchOptions = {}): Promise<FetchResult> {
  const limits: Limits = {
    timeoutMs: options.timeoutMs ?? DEFAULT_LIMITS.timeoutMs,
    maxBytes: options.maxBytes ?? DEFAULT_LIMITS.maxBytes,
    maxRedirects: options.maxRedirects ?? DEFAULT_LIMITS.maxRedirects,
    maxHeaders: options.maxHeaders ?? DEFAULT_LIMITS.maxHeaders,
  };
  const timeout = AbortSignal.timeout(limits.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const hop: Hop = {
    limits,
    overflow: options.overflow ?? "refuse",
    accept: options.accept ?? "*/*",
    ...requestParts(options),
    signal,
    allowed: allowlist(options.allow),
  };

  let current = target(url);
  const seen = new Set([current.href]);
  try {
    for (let redirects = 0; ; redirects++) {
      const answer = await fetchOnce(current, hop).catch((error: unknown) => {
        throw redirects > 0 ? viaRedirect(error) : error;
      });
      if (answer.kind === "final") return { finalUrl: current.href, ...answer.result };
      if (hop.method === "POST") {
        throw Errors.invalid(
          "fetch_failed",
          `${current.host} answered with a redirect (${answer.status}), which Sprida does not follow when it sends data`,
        );
      }
      if (redirects >= limits.maxRedirects) {
        throw Errors.invalid(
          "fetch_failed",
          `The address redirects more than ${limits.maxRedirects} times`,
        );
      }
      const next = redirectTarget(answer.location, current);
      if (seen.has(next.href))
        throw Errors.invalid("fetch_failed", "The address redirects in a loop");
      seen.add(next.href);
      current = next;
    }
  } catch (error) {
    if (timeout.aborted) {
      throw Errors.invalid(
        "timeout",
        `${current.host} did not answer within ${seconds(limits.timeoutMs)}`,
      );
    }
    if (options.signal?.aborted) throw Errors.invalid("fetch_failed", "The fetch was cancelled");
    if (error instanceof DomainError) throw error;
    throw Errors.invalid("fetch_failed", networkMessage(error, current.host));
  }
}

/**
 * Checks an address the way `fetchUrl` would before connecting (its form, then every address
 * its name resolves to), without sending anything: lets a form refuse an address at once
 * instead of at the first fetch. The fetch checks again, since DNS answers change.
 */
export async function checkUrl(
  url: string,
  options: Pick<FetchOptions, "allow" | "timeoutMs"> = {},
): Promise<URL> {
  const checked = target(url);
  const timeoutMs = options.timeoutMs ?? DEFAULT_LIMITS.timeoutMs;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    await checkedAddress(checked, { signal, allowed: allowlist(options.allow) });
  } catch (error) {
    if (signal.aborted) {
      throw Errors.invalid(
        "timeout",
        `${checked.host} did not resolve within ${seconds(timeoutMs)}`,
      );
    }
    throw error;
  }
  return checked;
}

/** Whether the test allowlist names this address's exact host and port. */
export function isAllowlisted(url: URL, allow: FetchOptions["allow"]): boolean {
  return allowlist(allow).has(hostPort(url));
}

const OWNED_HEADERS = new Set([
  "host",
  "content-length",
  "transfer-encoding",
  "connection",
  "user-agent",
]);

function requestParts(options: FetchOptions): Pick<Hop, "method" | "body" | "headers"> {
  const method = options.method ?? "GET";
  if (method === "GET" && options.body !== undefined) {
    throw new Error("A GET sends no body: use method POST");
  }
  const headers = options.headers ?? {};
  for (const name of Object.keys(headers)) {
    if (name !== name.toLowerCase() || OWNED_HEADERS.has(name)) {
      throw new Error(`The fetcher does not take a "${name}" header from its caller`);
    }
  }
  const body =
    method === "POST"
      ? Buffer.isBuffer(options.body)
        ? options.body
        : Buffer.from(options.body ?? "", "utf8")
      : undefined;
  return { method, body, headers };
}

/** Parses and checks an address's form; its network location is checked per hop. */
function target(raw: string, base?: URL): URL {
  if (raw.length > MAX_URL_LENGTH) throw refused("That address is too long");
  let url: URL;
  try {
    url = new URL(raw.trim(), base);
  } catch {
    throw refused("That is not a valid web address");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw refused(`Only http and https addresses can be fetched, not ${url.protocol}`);
  }
  if (url.username !== "" || url.password !== "") {
    throw refused("Addresses with a user name or password in them are not fetched");
  }
  return url;
}

/** A redirect may go anywhere public, https to http included; it is checked like any hop. */
function redirectTarget(location: string, from: URL): URL {
  try {
    return target(location, from);
  } catch (error) {
    throw viaRedirect(error);
  }
}

/** Says that a refusal came from where the address redirected, not from what was typed. */
function viaRedirect(error: unknown): unknown {
  if (!(error instanceof DomainError) || error.code !== "url_refused") return error;
  return refused(`The address redirects somewhere Sprida does not go: ${error.message}`);
}

async function fetchOnce(url: URL, hop: Hop): Promise<Answer> {
  const pinned = await checkedAddress(url, hop);
  return exchange(url, pinned, hop);
}

interface Pinned {
  address: string;
  family: 4 | 6;
}

/** Resolves the hop's host and checks every address; the first is the one connected to. */
async function checkedAddress(url: URL, hop: Pick<Hop, "signal" | "allowed">): Promise<Pinned> {
  const host = bare(url.hostname);
  const literal = isIP(host);
  const addresses: Pinned[] =
    literal === 4 || literal === 6
      ? [{ address: host, family: literal }]
      : await resolve(host, hop.signal);
  const allowed = hop.allowed.has(hostPort(url));
  for (const { address } of addresses) {
    const reason = refusalFor(address);
    if (reason === null || (allowed && reason !== "metadata")) continue;
    throw refused(refusalMessage(reason, literal === 0 ? host : undefined));
  }
  const first = addresses[0];
  if (first === undefined) throw Errors.invalid("fetch_failed", `We could not find ${host}`);
  return first;
}

async function resolve(host: string, signal: AbortSignal): Promise<Pinned[]> {
  let found: { address: string; family: number }[];
  try {
    found = await abortable(dns.lookup(host, { all: true, verbatim: true }), signal);
  } catch (error) {
    if (signal.aborted) throw error;
    throw Errors.invalid("fetch_failed", `We could not find ${host}`);
  }
  return found.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
}

/** One request to the checked address; answers a redirect or the bounded body. */
function exchange(url: URL, pinned: Pinned, hop: Hop): Promise<Answer> {
  const { limits, signal } = hop;
  const headers: OutgoingHttpHeaders = {
    accept: hop.accept,
    "accept-encoding": "gzip, deflate, br",
    ...hop.headers,
    "user-agent": USER_AGENT,
    ...(hop.body === undefined ? {} : { "content-length": hop.body.length }),
  };
  const options: RequestOptions = {
    method: hop.method,
    hostname: bare(url.hostname),
    port: Number(effectivePort(url)),
    path: `${url.pathname}${url.search}`,
    headers,
    // A fresh connection per hop: a pooled socket could be one opened to another address.
    agent: false,
    lookup: pinnedLookup(pinned),
    maxHeaderSize: 16 * 1024,
  };
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;

  return new Promise<Answer>((resolvePromise, reject) => {
    let settled = false;
    const request = send(options);
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener("abort", onAbort);
      request.destroy();
      outcome();
    };
    const fail = (error: unknown) => finish(() => reject(error));
    const onAbort = () => fail(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    request.on("error", fail);
    request.on("response", (response) => {
      if (response.rawHeaders.length / 2 > limits.maxHeaders) {
        return fail(Errors.invalid("fetch_failed", `${url.host} answered with too many headers`));
      }
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (REDIRECT_STATUSES.has(status) && location !== undefined) {
        return finish(() => resolvePromise({ kind: "redirect", status, location }));
      }
      readBody(response, hop).then(
        ({ body, truncated }) =>
          finish(() =>
            resolvePromise({
              kind: "final",
              result: {
                status,
                contentType: mediaType(response.headers["content-type"]),
                body,
                headers: flatHeaders(response),
                truncated,
              },
            }),
          ),
        fail,
      );
    });
    request.end(hop.body);
  });
}

/** Reads the (decompressed) body up to the limit; beyond it, refuses or truncates. */
function readBody(
  response: IncomingMessage,
  hop: Hop,
): Promise<{ body: Buffer; truncated: boolean }> {
  const { maxBytes } = hop.limits;
  const tooLarge = () =>
    Errors.invalid(
      "too_large",
      `The answer is larger than ${size(maxBytes)}, more than Sprida reads`,
    );
  const declared = Number(response.headers["content-length"]);
  if (hop.overflow === "refuse" && Number.isFinite(declared) && declared > maxBytes) {
    return Promise.reject(tooLarge());
  }

  return new Promise((resolvePromise, reject) => {
    let decoder: Transform | undefined;
    try {
      decoder = decoderFor(response.headers["content-encoding"]);
    } catch (error) {
      return reject(error);
    }
    const chunks: Buffer[] = [];
    let length = 0;
    let done = false;
    const settle = (outcome: () => void) => {
      if (done) return;
      done = true;
      decoder?.destroy();
      response.destroy();
      outcome();
    };
    const onData = (chunk: Buffer) => {
      if (done) return;
      if (length + chunk.length <= maxBytes) {
        chunks.push(chunk);
        length += chunk.length;
        return;
      }
      if (hop.overflow === "refuse") return settle(() => reject(tooLarge()));
      chunks.push(chunk.subarray(0, maxBytes - length));
      settle(() => resolvePromise({ body: Buffer.concat(chunks), truncated: true }));
    };
    const onEnd = () =>
      settle(() => resolvePromise({ body: Buffer.concat(chunks), truncated: false }));

    response.on("error", (error) => settle(() => reject(error)));
    if (decoder === undefined) {
      response.on("data", onData).on("end", onEnd);
      return;
    }
    decoder.on("data", onData).on("end", onEnd);
    decoder.on("error", () =>
      settle(() => reject(Errors.invalid("fetch_failed", "The answer could not be decompressed"))),
    );
    response.pipe(decoder);
  });
}

function decoderFor(encoding: string | undefined): Transform | undefined {
  const name = (encoding ?? "").trim().toLowerCase();
  if (name === "" || name === "identity") return undefined;
  if (name === "gzip" || name === "x-gzip") return createGunzip();
  if (name === "deflate") return createInflate();
  if (name === "br") return createBrotliDecompress();
  throw Errors.invalid("fetch_failed", `The answer uses an encoding Sprida cannot read (${name})`);
}

/** Hands the connection the address already checked, whatever it asks for. */
function pinnedLookup({ address, family }: Pinned): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

function allowlist(allow: FetchOptions["allow"]): ReadonlySet<string> {
  const hosts = allow?.hosts ?? [];
  for (const entry of hosts) {
    if (!/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+):\d{1,5}$/i.test(entry)) {
      throw new Error(`An allowlist entry is an exact "host:port", not "${entry}"`);
    }
  }
  return new Set(hosts.map((entry) => entry.toLowerCase()));
}

function effectivePort(url: URL): string {
  return url.port === "" ? (url.protocol === "https:" ? "443" : "80") : url.port;
}

function hostPort(url: URL): string {
  return `${url.hostname}:${effectivePort(url)}`.toLowerCase();
}

/** "[::1]" → "::1": URL keeps IPv6 brackets, sockets and DNS do not want them. */
function bare(hostname: string): string {
  return hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
}

function mediaType(header: string | undefined): string | null {
  const type = header?.split(";")[0]?.trim().toLowerCase();
  return type === undefined || type === "" ? null : type;
}

function flatHeaders(response: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolvePromise, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise
      .then(resolvePromise, reject)
      .finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function networkMessage(error: unknown, host: string): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? "";
  if (code === "ECONNREFUSED") return `${host} refused the connection`;
  if (code === "ECONNRESET" || code === "EPIPE") return `${host} closed the connection`;
  if (code === "ETIMEDOUT" || code === "EHOSTUNREACH" || code === "ENETUNREACH") {
    return `${host} could not be reached`;
  }
  if (code.startsWith("HPE_")) return `${host} sent an answer that is not valid HTTP`;
  if (code.includes("CERT") || code.startsWith("ERR_TLS") || code.includes("SSL")) {
    return `${host} does not have a valid security certificate`;
  }
  return `${host} could not be fetched`;
}

const refused = (message: string) => Errors.invalid("url_refused", message);

const seconds = (ms: number) =>
  ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000} seconds` : `${(ms / 1000).toFixed(1)} seconds`;

function size(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
