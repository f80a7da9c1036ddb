import mjml2html from "mjml";
import type { Locale } from "../schema";
import { html, type SafeHtml } from "./escape-html";

/**
 * The one layout of every e-mail Sprida sends, in MJML so it holds up in Outlook, Gmail and
 * phone clients alike. Every colour is set on an explicit background (never white text on
 * transparent), so a client that inverts for dark mode keeps the contrast (each pair ≥ 4.5:1).
 */
export const PALETTE = {
  page: "#f4f5f7",
  card: "#ffffff",
  text: "#1a1b1e",
  muted: "#4a4f57",
  brand: "#1c5fb8",
  onBrand: "#ffffff",
  rule: "#d5d8de",
} as const;

const FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

/** What a footer says: why the recipient gets this e-mail, and the way out when there is one. */
export interface MailFooter {
  /** One sentence in the recipient's language. */
  reason: string;
  /** The page where all the recipient's e-mail choices are edited. */
  preferences?: string;
  /** The page that stops this kind of e-mail, and what its link says it stops. */
  unsubscribe?: { href: string; text: string };
}

export interface MailLayoutInput {
  locale: Locale;
  /** The document's title: the subject. */
  title: string;
  /** The line a client shows after the subject in the inbox. */
  preheader: string;
  /** `mj-section`s (or `mj-wrapper`s) made with `html`, so every dynamic value is escaped. */
  body: SafeHtml;
  footer?: MailFooter;
}

const footerWords = {
  sv: { preferences: "Ändra dina val för e-post" },
  en: { preferences: "Change your e-mail choices" },
} satisfies Record<Locale, Record<string, string>>;

/**
 * Headings, paragraphs and data tables, inlined so clients that drop `<style>` keep them. Links
 * carry their own style (`mailLink`): juice fails on a rule that meets mj-button's anchor.
 */
const INLINE_STYLE = `
h1 { font-size: 24px; line-height: 1.3; font-weight: 700; margin: 0 0 8px; color: ${PALETTE.text}; }
h2 { font-size: 19px; line-height: 1.3; font-weight: 700; margin: 0; color: ${PALETTE.text}; }
p { margin: 0 0 12px; }
.data th { text-align: left; font-weight: 600; font-size: 14px; color: ${PALETTE.muted}; padding: 6px 8px 6px 0; border-bottom: 1px solid ${PALETTE.rule}; vertical-align: bottom; word-break: normal; overflow-wrap: normal; }
.data td { padding: 6px 8px 6px 0; border-bottom: 1px solid ${PALETTE.rule}; vertical-align: top; word-break: normal; overflow-wrap: normal; }
.data .number { text-align: right; padding-right: 0; padding-left: 8px; }
.data td.number { white-space: nowrap; }
`;

/** A text link in the brand colour, underlined so it is not told by colour alone. */
export function mailLink(href: string, text: string): SafeHtml {
  return html`<a href="${href}" style="color: ${PALETTE.brand}; text-decoration: underline;">${text}</a>`;
}

function footerSection(locale: Locale, footer: MailFooter): SafeHtml {
  const links = [
    ...(footer.preferences ? [mailLink(footer.preferences, footerWords[locale].preferences)] : []),
    ...(footer.unsubscribe ? [mailLink(footer.unsubscribe.href, footer.unsubscribe.text)] : []),
  ];
  return html`<mj-section background-color="${PALETTE.page}" padding="16px 0 32px">
<mj-column>
<mj-text font-size="14px" color="${PALETTE.muted}"><p>${footer.reason}</p>${
    links.length > 0
      ? html`<p>${links.map((link, i) => (i === 0 ? link : html` · ${link}`))}</p>`
      : ""
  }</mj-text>
</mj-column>
</mj-section>`;
}

/**
 * Renders an e-mail's sections inside the shared frame: language, title, preheader, the
 * palette, the Sprida wordmark and the footer. Throws when the MJML is invalid, so a broken
 * template fails its test instead of sending a broken e-mail.
 */
export async function renderMail(input: MailLayoutInput): Promise<{ html: string }> {
  const { locale } = input;
  const source = html`<mjml lang="${locale}">
<mj-head>
<mj-title>${input.title}</mj-title>
<mj-preview>${input.preheader}</mj-preview>
<mj-raw><meta name="color-scheme" content="light dark"><meta name="supported-color-schemes" content="light dark"></mj-raw>
<mj-attributes>
<mj-all font-family="${FONT}" />
<mj-text font-size="16px" line-height="1.5" color="${PALETTE.text}" padding="8px 24px" />
<mj-button background-color="${PALETTE.brand}" color="${PALETTE.onBrand}" font-size="16px" font-weight="600" line-height="1.25" inner-padding="12px 24px" border-radius="6px" align="left" padding="12px 24px" />
<mj-table font-size="15px" line-height="1.4" color="${PALETTE.text}" padding="8px 24px" />
<mj-image padding="8px 24px" />
<mj-section background-color="${PALETTE.card}" padding="0" />
<mj-column padding="0" />
</mj-attributes>
<mj-style inline="inline">${INLINE_STYLE}</mj-style>
</mj-head>
<mj-body width="600px" background-color="${PALETTE.page}">
<mj-section background-color="${PALETTE.page}" padding="24px 0 12px">
<mj-column>
<mj-text font-size="18px" font-weight="700" color="${PALETTE.brand}">Sprida</mj-text>
</mj-column>
</mj-section>
<mj-wrapper background-color="${PALETTE.card}" padding="16px 0" border-radius="8px">
${input.body}
</mj-wrapper>
${input.footer ? footerSection(locale, input.footer) : html`<mj-section background-color="${PALETTE.page}" padding="0 0 32px"><mj-column><mj-spacer height="1px" /></mj-column></mj-section>`}
</mj-body>
</mjml>`;
  // mjml 5 resolves a promise; `fonts: {}` stops it linking web fonts our stack never needs.
  const result = await mjml2html(source.value, {
    validationLevel: "strict",
    keepComments: false,
    fonts: {},
  });
  return { html: result.html };
}

/** One figure of a grid: what it counts, its value, and small lines under it. */
export interface MailFigure {
  label: string;
  value: string;
  /** Beside the value, smaller: a provisional mark. */
  mark?: string;
  /** Under the value: the change from the week before, a note. */
  lines?: string[];
}

/**
 * Figures as tiles, two to a row at every width: one table, so a row's tiles are equally tall
 * in every client; white borders make the gaps, as `border-spacing` does not survive Outlook.
 */
export function figureGrid(figures: readonly MailFigure[]): SafeHtml {
  const tile = (figure: MailFigure, span: 1 | 2) =>
    html`<td colspan="${span}" width="${span * 50}%" valign="top" style="width: ${span * 50}%; vertical-align: top; background-color: ${PALETTE.page}; border: 6px solid ${PALETTE.card}; padding: 12px 14px;">
<div style="font-size: 14px; line-height: 1.4; color: ${PALETTE.muted};">${figure.label}</div>
<div style="font-size: 24px; line-height: 1.3; font-weight: 700; color: ${PALETTE.text}; word-break: normal; overflow-wrap: normal;">${figure.value}${
      figure.mark
        ? html` <span style="font-size: 13px; font-weight: 600; color: ${PALETTE.muted};">${figure.mark}</span>`
        : ""
    }</div>
${(figure.lines ?? []).map((line) => html`<div style="font-size: 14px; line-height: 1.4; color: ${PALETTE.muted};">${line}</div>`)}
</td>`;
  const rows: SafeHtml[] = [];
  for (let i = 0; i < figures.length; i += 2) {
    const [left, right] = [figures[i], figures[i + 1]];
    if (!left) break;
    // A last figure alone takes the whole row rather than leave a hole beside it.
    rows.push(html`<tr>${right ? [tile(left, 1), tile(right, 1)] : tile(left, 2)}</tr>`);
  }
  return html`<mj-table role="presentation" table-layout="fixed" padding="4px 18px">${rows}</mj-table>`;
}

/** The footer as plain text: the reason, then each link's words and its URL on its own line. */
export function footerText(locale: Locale, footer: MailFooter): string[] {
  return [
    "—",
    footer.reason,
    ...(footer.preferences ? ["", `${footerWords[locale].preferences}:`, footer.preferences] : []),
    ...(footer.unsubscribe ? ["", `${footer.unsubscribe.text}:`, footer.unsubscribe.href] : []),
  ];
}

/** Names go into subjects and text lines: one line each, whatever an admin typed. */
export function oneLine(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}

/** A plain-text part from lines, ending with one newline. */
export function textPart(lines: readonly string[]): string {
  return `${lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim()}\n`;
}

/** British English, as the web app writes it. */
const INTL_LOCALE = { sv: "sv-SE", en: "en-GB" } satisfies Record<Locale, string>;

/** Numbers, money, percentages and days in the recipient's language, "—" for a missing one. */
export function mailFormat(locale: Locale) {
  const tag = INTL_LOCALE[locale];
  const integer = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
  const percent = new Intl.NumberFormat(tag, { style: "percent", maximumFractionDigits: 1 });
  const ratio = new Intl.NumberFormat(tag, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const days = new Intl.DateTimeFormat(tag, {
    year: "numeric",
    month: "short",
    day: "numeric",
    timeZone: "UTC",
  });
  const weekday = new Intl.DateTimeFormat(tag, { weekday: "short", timeZone: "UTC" });
  const day = new Intl.DateTimeFormat(tag, {
    weekday: "short",
    day: "numeric",
    month: "short",
    timeZone: "UTC",
  });
  const list = new Intl.ListFormat(tag, { style: "long", type: "conjunction" });
  const orMissing =
    (format: (value: number) => string) =>
    (value: number | null | undefined): string =>
      value === null || value === undefined || !Number.isFinite(value) ? "—" : format(value);
  const dayOf = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);
  return {
    number: orMissing((value) => integer.format(value)),
    percent: orMissing((value) => percent.format(value)),
    /** A number with one decimal, "4.5" ("4,5"), always positive: a size of change. */
    decimal: orMissing((value) => ratio.format(Math.abs(value))),
    /** A ratio as "3.2×". */
    ratio: orMissing((value) => `${ratio.format(value)}×`),
    /**
     * Minor units (öre, cents) as money in `currency`, in whole units: the e-mail's sums are
     * estimates (EMV), and "18 240,00 kr" would not fit a tile on a phone.
     */
    money: (currency: string) => {
      const money = new Intl.NumberFormat(tag, {
        style: "currency",
        currency,
        minimumFractionDigits: 0,
        maximumFractionDigits: 0,
      });
      return orMissing((minor) => money.format(minor / 100));
    },
    /** Two ISO days as one range: "30 nov.–6 dec. 2026", "30 Nov – 6 Dec 2026". */
    dayRange: (from: string, to: string) => days.formatRange(dayOf(from), dayOf(to)),
    /** A day of the week: "mån", "Mon". */
    weekday: (isoDate: string) => weekday.format(dayOf(isoDate)),
    /** A day with its weekday: "mån 30 nov.", "Mon 30 Nov". */
    day: (isoDate: string) => day.format(dayOf(isoDate)),
    list: (values: readonly string[]) => list.format(values),
    plural: new Intl.PluralRules(tag),
  };
}
export type MailFormat = ReturnType<typeof mailFormat>;
