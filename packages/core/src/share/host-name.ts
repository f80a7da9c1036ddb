import { parseUrl } from "./share.schema";

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
/** Anything that would make the value more than a host: a path, port, credentials, escapes. */
const NOT_A_HOST = /[\s/?#@:\\[\]%]/u;

/**
 * A DNS host name in its ASCII form (IDN as punycode, lower case), or null. At least two
 * labels and a non-numeric top label, so neither an IP address nor a bare suffix ("com")
 * passes; `allowLocalhost` lets the one-machine setup name `localhost`.
 */
export function toHostName(
  value: string,
  options: { allowLocalhost?: boolean } = {},
): string | null {
  const trimmed = value.trim().toLowerCase();
  if (trimmed === "" || NOT_A_HOST.test(trimmed)) return null;
  const host = parseUrl(`https://${trimmed}/`)?.hostname;
  if (host === undefined || host.length > 253) return null;
  if (options.allowLocalhost && host === "localhost") return host;
  const labels = host.split(".");
  const top = labels.at(-1) ?? "";
  return labels.length >= 2 && labels.every((label) => LABEL.test(label)) && !/^\d+$/.test(top)
    ? host
    : null;
}
