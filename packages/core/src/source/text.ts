import { Parser } from "htmlparser2";
import { Text } from "../text";

/** Elements whose content is never readable text. */
const HIDDEN = new Set(["script", "style", "noscript", "template", "iframe", "object", "svg"]);
/** Elements that separate words, so "<p>a</p><p>b</p>" reads "a b", not "ab". */
const BREAKS = new Set(
  (
    "address article aside blockquote br dd div dl dt figcaption figure footer " +
    "h1 h2 h3 h4 h5 h6 header hr img li main nav " +
    "ol p pre section table td th tr ul"
  ).split(" "),
);

/**
 * The readable text of an HTML fragment (a feed's description): tags dropped, script and
 * style content dropped, entities decoded. The result is text, never markup, and still
 * needs `cleanText` (and escaping wherever it is shown).
 */
export function htmlToText(html: string): string {
  let out = "";
  let hidden = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (HIDDEN.has(name)) hidden++;
        else if (BREAKS.has(name)) out += " ";
      },
      ontext(text) {
        if (hidden === 0) out += text;
      },
      onclosetag(name) {
        if (HIDDEN.has(name)) hidden = Math.max(0, hidden - 1);
        else if (BREAKS.has(name)) out += " ";
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return out;
}

/**
 * Text fit to store: what `Text.strip` removes removed (controls, bidirectional controls,
 * damage; NFC), whitespace collapsed, trimmed, and cut at `max` characters (code points,
 * ending in "…" when cut). Null when nothing visible is left.
 */
export function cleanText(value: string | null | undefined, max: number): string | null {
  if (value === null || value === undefined) return null;
  const collapsed = Text.strip(value).replace(/\s+/g, " ").trim();
  if (!Text.hasVisibleCharacter(collapsed)) return null;
  const characters = Array.from(collapsed);
  if (characters.length <= max) return collapsed;
  return `${characters
    .slice(0, max - 1)
    .join("")
    .trimEnd()}…`;
}

/** Longer addresses are not kept: no real link needs one, and they bloat every item. */
const MAX_URL_LENGTH = 2048;

/** `raw` resolved against `base`, when it is an http(s) address without credentials. */
export function httpUrl(raw: string | null | undefined, base?: string): string | null {
  if (raw === null || raw === undefined) return null;
  let url: URL;
  try {
    url = new URL(raw.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (url.username !== "" || url.password !== "") return null;
  return url.href.length > MAX_URL_LENGTH ? null : url.href;
}

/**
 * The key that says two links are the same item: no fragment, no `utm_*` parameters, host
 * in lower case (URL does that, and drops a default port). Other parameters keep their
 * order and exact spelling: re-encoding them would make the same link two keys.
 */
export function canonicalUrl(href: string): string {
  const url = new URL(href);
  url.hash = "";
  const kept = url.search
    .slice(1)
    .split("&")
    .filter((pair) => pair !== "" && !isUtm(pair));
  url.search = kept.length === 0 ? "" : `?${kept.join("&")}`;
  return url.href;
}

function isUtm(pair: string): boolean {
  const name = pair.split("=")[0] ?? "";
  let decoded = name;
  try {
    decoded = decodeURIComponent(name.replace(/\+/g, " "));
  } catch {
    // A malformed escape is kept as written.
  }
  return decoded.toLowerCase().startsWith("utm_");
}
