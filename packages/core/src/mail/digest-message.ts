import { digestWords } from "./digest-words";
import { html, type SafeHtml } from "./escape-html";
import {
  figureGrid,
  footerText,
  type MailFigure,
  type MailFooter,
  mailFormat,
  mailLink,
  oneLine,
  PALETTE,
  renderMail,
  textPart,
} from "./layout";
import type { Message } from "./templates";
import type { DigestContent, DigestItem } from "./weekly.schema";

type Words = (typeof digestWords)[keyof typeof digestWords];

const DAY_MS = 86_400_000;

/**
 * A member's digest: what is new to share (featured items first), each one tap from its share
 * sheet, and, when they chose it, how their own sharing went, as HTML and as text.
 */
export async function digestMessage(content: DigestContent): Promise<Message> {
  const { locale } = content;
  const words = digestWords[locale];
  const format = mailFormat(locale);
  const orgName = oneLine(content.orgName);
  const displayName = content.displayName && oneLine(content.displayName);
  const days = format.dayRange(content.from, content.to);
  const subject = words.subject(orgName);
  const greeting = words.greeting(displayName || undefined);
  const items = [...content.items]
    .sort((a, b) => Number(b.featured) - Number(a.featured))
    .map((item) => ({ ...item, title: oneLine(item.title) }));
  const intro = items.length > 0 ? words.intro(days) : words.nothingNew(days);
  const count = format.plural.select(items.length) === "one" ? words.items.one : words.items.other;
  const preheader =
    items[0] !== undefined ? `${count(format.number(items.length))}: ${items[0].title}` : intro;
  const impact = content.impact && impactOf(content, words);
  const footer: MailFooter = {
    reason: words.reason(orgName),
    preferences: content.links.preferences,
    unsubscribe: { href: content.links.unsubscribe, text: words.unsubscribe },
  };

  const { html: body } = await renderMail({
    locale,
    title: subject,
    preheader,
    footer,
    body: html`<mj-section><mj-column>
<mj-text><h1>${subject}</h1><p>${greeting}</p><p>${intro}</p></mj-text>
</mj-column></mj-section>
${items.map((item, i) => itemSection(item, words, i > 0))}
${
  impact
    ? html`<mj-section><mj-column>
<mj-text padding="16px 24px 0"><h2>${impact.heading}</h2></mj-text>
${figureGrid(impact.figures)}
</mj-column></mj-section>`
    : ""
}
<mj-section><mj-column>
<mj-text padding="16px 24px 8px"><p>${mailLink(content.hub, words.hub)}</p></mj-text>
</mj-column></mj-section>`,
  });

  const text = textPart([
    subject,
    "",
    greeting,
    intro,
    ...items.flatMap((item) => [
      "",
      item.featured ? `${item.title} (${words.featured})` : item.title,
      ...(item.summary ? [oneLine(item.summary)] : []),
      `${words.share}:`,
      item.share,
    ]),
    ...(impact
      ? [
          "",
          impact.heading,
          ...impact.figures.map((figure) =>
            [`${figure.label}: ${figure.value}`, ...(figure.lines ?? [])].join(" – "),
          ),
        ]
      : []),
    "",
    `${words.hub}:`,
    content.hub,
    "",
    ...footerText(locale, footer),
  ]);
  return { subject, text, html: body };
}

/** One item: its picture when it has one, its title, summary, and the way to share it. */
function itemSection(item: DigestItem, words: Words, divided: boolean): SafeHtml {
  return html`<mj-section padding="8px 0"><mj-column>
${divided ? html`<mj-divider border-width="1px" border-color="${PALETTE.rule}" padding="0 24px 16px" />` : ""}
${item.imageUrl ? html`<mj-image src="${item.imageUrl}" alt="${item.title}" border-radius="6px" />` : ""}
<mj-text padding="8px 24px 0">${
    item.featured
      ? html`<p style="margin: 0 0 4px;"><span style="display: inline-block; font-size: 13px; font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em; color: ${PALETTE.brand};">${words.featured}</span></p>`
      : ""
  }<h2>${item.title}</h2>${item.summary ? html`<p style="margin: 4px 0 0;">${item.summary}</p>` : ""}</mj-text>
<mj-button href="${item.share}" title="${words.share}: ${item.title}">${words.share}</mj-button>
</mj-column></mj-section>`;
}

/** The member's own figures over the span: "your week", or "your weeks" past seven days. */
function impactOf(content: DigestContent, words: Words) {
  const impact = content.impact;
  if (!impact) return undefined;
  const format = mailFormat(content.locale);
  const span =
    Math.round(
      (Date.parse(`${content.to}T00:00:00Z`) - Date.parse(`${content.from}T00:00:00Z`)) / DAY_MS,
    ) + 1;
  const figures: MailFigure[] = [
    { label: words.points, value: format.number(impact.points) },
    ...(impact.rank !== undefined
      ? [{ label: words.rank, value: format.number(impact.rank) }]
      : []),
    { label: words.uniqueClicks, value: format.number(impact.uniqueClicks) },
    { label: words.confirmedShares, value: format.number(impact.confirmedShares) },
    {
      label: words.badges,
      value: format.number(impact.badges.length),
      ...(impact.badges.length > 0 && { lines: [format.list(impact.badges.map(oneLine))] }),
    },
  ];
  return { heading: span > 7 ? words.yourWeeks : words.yourWeek, figures };
}
