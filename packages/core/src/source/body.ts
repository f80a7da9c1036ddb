import { STATUS_CODES } from "node:http";
import { TextDecoder } from "node:util";

/**
 * Decodes a fetched document to text. The character set comes from a byte-order mark, else
 * the Content-Type header, else the document's own declaration (<meta charset> in the first
 * 1024 bytes of a page, <?xml encoding?> for a feed), else UTF-8. An unknown label falls back
 * to UTF-8 rather than failing: a few wrong characters beat an unreadable page.
 */
export function decodeBody(
  body: Buffer,
  contentTypeHeader: string | undefined,
  kind: "html" | "xml",
): string {
  const label =
    fromBom(body) ??
    fromContentType(contentTypeHeader) ??
    (kind === "html" ? fromMeta(body) : fromXmlDeclaration(body)) ??
    "utf-8";
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    decoder = new TextDecoder("utf-8");
  }
  return decoder.decode(body);
}

function fromBom(body: Buffer): string | undefined {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return "utf-8";
  if (body[0] === 0xfe && body[1] === 0xff) return "utf-16be";
  if (body[0] === 0xff && body[1] === 0xfe) return "utf-16le";
  return undefined;
}

function fromContentType(header: string | undefined): string | undefined {
  return /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(header ?? "")?.[1];
}

function fromMeta(body: Buffer): string | undefined {
  const head = body.subarray(0, 1024).toString("latin1");
  return /<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_.:-]+)/i.exec(head)?.[1];
}

function fromXmlDeclaration(body: Buffer): string | undefined {
  const head = body.subarray(0, 200).toString("latin1");
  return /^\s*<\?xml[^>]*\sencoding\s*=\s*["']([a-z0-9_.:-]+)["']/i.exec(head)?.[1];
}

/** "a PDF document", "an image"...: what an address turned out to be, for messages. */
export function describeMediaType(mediaType: string | null): string {
  if (mediaType === null) return "a file of unknown type";
  if (mediaType === "text/html" || mediaType === "application/xhtml+xml") return "a web page";
  if (mediaType === "application/pdf") return "a PDF document";
  if (mediaType.startsWith("image/")) return "an image";
  if (mediaType.startsWith("video/")) return "a video";
  if (mediaType.startsWith("audio/")) return "an audio file";
  if (mediaType === "application/json") return "JSON data";
  return `a file of type ${mediaType}`;
}

/** "404 (Not Found)". */
export function describeStatus(status: number): string {
  const reason = STATUS_CODES[status];
  return reason === undefined ? String(status) : `${status} (${reason})`;
}

/** The start of a body as text, for sniffing a document's kind when its type is missing. */
export function bodyStart(body: Buffer): string {
  return body
    .subarray(0, 512)
    .toString("latin1")
    .replace(/^\u00ef\u00bb\u00bf/, "")
    .trimStart()
    .toLowerCase();
}
