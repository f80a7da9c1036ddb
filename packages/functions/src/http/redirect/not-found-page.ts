import { html, raw } from "hono/html";

type Language = "sv" | "en";

const TEXT = {
  sv: {
    title: "Länken finns inte",
    body: "Länken du följde finns inte. Kontrollera att hela adressen kom med.",
  },
  en: {
    title: "This link does not exist",
    body: "The link you followed does not exist. Check that the whole address was copied.",
  },
} as const;

/** Swedish when Accept-Language ranks Swedish above English, else English. */
export function preferredLanguage(acceptLanguage: string | undefined): Language {
  let best: { language: Language; q: number } | undefined;
  for (const part of (acceptLanguage ?? "").split(",")) {
    const [tag = "", ...parameters] = part.trim().toLowerCase().split(";");
    const language = tag.split("-")[0];
    if (language !== "sv" && language !== "en") continue;
    const qParameter = parameters.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const q = qParameter ? Number(qParameter.slice(2)) : 1;
    if (Number.isFinite(q) && q > 0 && (!best || q > best.q)) best = { language, q };
  }
  return best?.language ?? "en";
}

/** The page's only style; the Content-Security-Policy allows exactly this text, by its hash. */
export const NOT_FOUND_STYLE =
  "body { font: 17px/1.5 system-ui, sans-serif; max-width: 32rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; }";

/** A small accessible page; it names nothing from the request (no reflected input). */
export function notFoundPage(language: Language) {
  const text = TEXT[language];
  return html`<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${text.title}</title>
<style>${raw(NOT_FOUND_STYLE)}</style>
</head>
<body>
<main>
<h1>${text.title}</h1>
<p>${text.body}</p>
</main>
</body>
</html>`;
}
