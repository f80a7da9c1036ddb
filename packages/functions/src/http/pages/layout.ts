import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { PageLocale } from "./text";

/**
 * The pages' only styles, inline so a page needs nothing else from the server. The
 * Content-Security-Policy allows exactly this text, by its hash (see security-headers.ts).
 */
export const PAGE_STYLE = `
  body { font: 17px/1.5 system-ui, sans-serif; max-width: 32rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; }
  h1 { font-size: 1.5rem; }
  label { display: block; margin: 1rem 0 .25rem; font-weight: 600; }
  input[type=email], input[type=text] { width: 100%; padding: .6rem; font: inherit; border: 1px solid #555; border-radius: .4rem; box-sizing: border-box; }
  button { margin-top: 1rem; padding: .7rem 1.2rem; font: inherit; font-weight: 600; color: #fff; background: #1c5d99; border: 0; border-radius: .4rem; cursor: pointer; }
  button:focus-visible, input:focus-visible { outline: 3px solid #f5b700; outline-offset: 2px; }
  .note { color: #444; }
  [role=alert] { padding: .75rem; background: #fde8e8; border-left: 4px solid #b42318; }
  .guidelines { white-space: pre-wrap; border: 1px solid #ccc; padding: 1rem; border-radius: .4rem; max-height: 20rem; overflow: auto; }
`;

/**
 * Served with the web app (packages/web/public/to-hub.js): in a browser that runs JavaScript it
 * hands an e-mailed link over to the member hub's page for it, before this page shows. Without
 * JavaScript this page is the whole flow, and works on its own.
 */
export const HUB_HANDOVER_SCRIPT = "/to-hub.js";

/**
 * One accessible, dependency-free page frame. Everything interpolated is escaped by `html`
 * except the style, our own constant, which must reach the browser byte for byte (its hash).
 */
export function page(
  locale: PageLocale,
  title: string,
  body: HtmlEscapedString | Promise<HtmlEscapedString>,
) {
  return html`<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>${title}</title>
<script src="${HUB_HANDOVER_SCRIPT}"></script>
<style>${raw(PAGE_STYLE)}</style>
</head>
<body>
<main>
<h1>${title}</h1>
${body}
</main>
</body>
</html>`;
}
