import { adminReportWords } from "./admin-report-words";
import { html, type SafeHtml } from "./escape-html";
import {
  figureGrid,
  footerText,
  type MailFigure,
  type MailFooter,
  type MailFormat,
  mailFormat,
  oneLine,
  PALETTE,
  renderMail,
  textPart,
} from "./layout";
import type { Message } from "./templates";
import type { AdminReportContent, WeeklyFigure, WeeklyRow } from "./weekly.schema";

type Words = (typeof adminReportWords)[keyof typeof adminReportWords];

/** The tallest trend bar, in pixels: the week's busiest day. */
const BAR_HEIGHT = 96;

/**
 * The weekly report for an organisation's admins: the week's figures against the week before,
 * its clicks day by day, its top lists and the way to the dashboard, as HTML and as text.
 */
export async function adminReportMessage(content: AdminReportContent): Promise<Message> {
  const { locale } = content;
  const words = adminReportWords[locale];
  const format = mailFormat(locale);
  const orgName = oneLine(content.orgName);
  const week = Number(content.week.week.split("-W")[1]);
  const days = format.dayRange(content.week.from, content.week.to);
  const subject = words.subject(orgName, week);
  const heading = words.heading(orgName, week);
  const intro = words.intro(orgName, days);
  const figures = content.figures.map((figure) =>
    figureOf(figure, content.currency, words, format),
  );
  const provisional = content.figures.some((figure) => figure.provisional);
  const shown = (metric: WeeklyFigure["metric"]) =>
    format.number(content.figures.find((figure) => figure.metric === metric)?.value);
  const tables = tablesOf(content, words).map((table) => ({
    ...table,
    rows: table.rows.map((row) => ({ ...row, label: oneLine(row.label) })),
  }));
  const footer: MailFooter = {
    reason: words.reason(orgName),
    preferences: content.links.preferences,
    unsubscribe: { href: content.links.unsubscribe, text: words.unsubscribe },
  };

  const { html: body } = await renderMail({
    locale,
    title: subject,
    preheader: words.preheader(shown("confirmedShares"), shown("uniqueClicks")),
    footer,
    body: html`<mj-section><mj-column>
<mj-text><h1>${heading}</h1><p>${intro}</p></mj-text>
</mj-column></mj-section>
<mj-section><mj-column>
${figureGrid(figures)}
${provisional ? html`<mj-text font-size="14px" color="${PALETTE.muted}"><p>${words.provisionalNote}</p></mj-text>` : ""}
</mj-column></mj-section>
${content.daily.length > 0 ? dailyBars(content.daily, words, format) : ""}
${tables.map((table) => dataTable(table, content.currency, words, format))}
<mj-section><mj-column>
<mj-button href="${content.dashboard}">${words.dashboard}</mj-button>
</mj-column></mj-section>`,
  });

  const text = textPart([
    heading,
    intro,
    "",
    ...figures.map(
      (figure) =>
        `${figure.label}: ${figure.value}${figure.mark ? ` (${figure.mark})` : ""}. ${(figure.lines ?? []).join(". ")}.`,
    ),
    ...(provisional ? ["", words.provisionalNote] : []),
    ...(content.daily.length > 0
      ? [
          "",
          words.daily,
          ...content.daily.map(
            (day) => `${format.day(day.day)}: ${format.number(day.uniqueClicks)}`,
          ),
        ]
      : []),
    ...tables.flatMap((table) => [
      "",
      table.title,
      ...(table.note ? [table.note] : []),
      ...table.rows.map((row) => {
        const line = words.row(
          row.label,
          format.number(row.uniqueClicks),
          format.number(row.confirmedShares),
        );
        return `- ${line}${table.emv && row.emv !== undefined ? `, ${words.column.emv} ${format.money(content.currency)(row.emv)}` : ""}`;
      }),
    ]),
    "",
    `${words.dashboard}:`,
    content.dashboard,
    "",
    ...footerText(locale, footer),
  ]);
  return { subject, text, html: body };
}

function figureOf(
  figure: WeeklyFigure,
  currency: string,
  words: Words,
  format: MailFormat,
): MailFigure {
  const show = (value: number | null) => {
    switch (figure.metric) {
      case "participation":
      case "cashRoi":
        return format.percent(value);
      case "valueRatio":
        return format.ratio(value);
      case "emv":
        return format.money(currency)(value);
      default:
        return format.number(value);
    }
  };
  return {
    label: words.metric[figure.metric],
    value: show(figure.value),
    ...(figure.provisional && { mark: words.provisionalMark }),
    lines: [changeOf(figure, words, format)],
  };
}

/** Figures that are rates: their change is told in percentage points. */
const RATES = new Set<WeeklyFigure["metric"]>(["participation", "cashRoi"]);

/** The change from last week in words (an arrow alone would not say it to everyone). */
function changeOf(figure: WeeklyFigure, words: Words, format: MailFormat): string {
  const { value, previous } = figure;
  if (value === null) return words.change.none;
  if (value === previous) return words.change.same;
  if (previous === null) return words.change.new;
  if (RATES.has(figure.metric)) {
    // A rate moves in percentage points: 40 % to 44 % is 4 points, not "10 %".
    const points = format.decimal((value - previous) * 100);
    return value > previous ? words.change.upPoints(points) : words.change.downPoints(points);
  }
  if (previous === 0) return words.change.new;
  const change = (value - previous) / Math.abs(previous);
  const size = format.percent(Math.abs(change));
  return change > 0 ? words.change.up(size) : words.change.down(size);
}

/**
 * Seven bars made of table cells of proportional heights (no images, no script), each with its
 * number above and its day below, so the text alone says what the bars show.
 */
function dailyBars(daily: AdminReportContent["daily"], words: Words, format: MailFormat): SafeHtml {
  const most = Math.max(1, ...daily.map((day) => day.uniqueClicks));
  const width = `${Math.floor(100 / daily.length)}%`;
  const bar = (clicks: number) => {
    const height = Math.max(2, Math.round((clicks / most) * BAR_HEIGHT));
    const colour = clicks > 0 ? PALETTE.brand : PALETTE.rule;
    return html`<table role="presentation" width="100%" border="0" cellpadding="0" cellspacing="0"><tr><td height="${height}" style="height: ${height}px; background-color: ${colour}; font-size: 0; line-height: 0;">&nbsp;</td></tr></table>`;
  };
  const cells = daily.map(
    (
      day,
    ) => html`<td width="${width}" valign="bottom" align="center" style="width: ${width}; vertical-align: bottom; text-align: center; padding: 0 4px;">
<div style="font-size: 14px; font-weight: 600; color: ${PALETTE.text};">${format.number(day.uniqueClicks)}</div>
${bar(day.uniqueClicks)}
<div style="font-size: 13px; color: ${PALETTE.muted}; padding-top: 4px;">${format.weekday(day.day)}</div>
</td>`,
  );
  return html`<mj-section><mj-column>
<mj-text padding="16px 24px 0"><h2>${words.daily}</h2></mj-text>
<mj-table role="presentation" table-layout="fixed" padding="8px 20px 16px"><tr>${cells}</tr></mj-table>
</mj-column></mj-section>`;
}

interface ReportTable {
  title: string;
  note?: string;
  column: string;
  rows: WeeklyRow[];
  emv: boolean;
}

/** The week's top lists that have rows: an empty one is left out, heading and all. */
function tablesOf(content: AdminReportContent, words: Words): ReportTable[] {
  const tables: ReportTable[] = [
    {
      title: words.section.topContent,
      column: words.column.content,
      rows: content.topContent,
      emv: false,
    },
    {
      title: words.section.channels,
      column: words.column.channel,
      rows: content.channels,
      emv: content.channels.some((row) => row.emv !== undefined),
    },
    {
      title: words.section.campaigns,
      column: words.column.campaign,
      rows: content.campaigns,
      emv: false,
    },
    {
      title: words.section.topMembers,
      note: words.topMembersNote,
      column: words.column.member,
      rows: content.topMembers,
      emv: false,
    },
  ];
  return tables.filter((table) => table.rows.length > 0);
}

function dataTable(
  table: ReportTable,
  currency: string,
  words: Words,
  format: MailFormat,
): SafeHtml {
  const money = format.money(currency);
  const header = html`<tr>
<th scope="col">${table.column}</th>
<th scope="col" class="number">${words.column.uniqueClicks}</th>
<th scope="col" class="number">${words.column.confirmedShares}</th>
${table.emv ? html`<th scope="col" class="number">${words.column.emv}</th>` : ""}
</tr>`;
  const rows = table.rows.map(
    (row) => html`<tr>
<td>${row.label}</td>
<td class="number">${format.number(row.uniqueClicks)}</td>
<td class="number">${format.number(row.confirmedShares)}</td>
${table.emv ? html`<td class="number">${money(row.emv)}</td>` : ""}
</tr>`,
  );
  return html`<mj-section><mj-column>
<mj-text padding="16px 24px 0"><h2>${table.title}</h2>${table.note ? html`<p style="font-size: 14px; color: ${PALETTE.muted}; margin: 4px 0 0;">${table.note}</p>` : ""}</mj-text>
<mj-table css-class="data" padding="4px 24px 8px"><thead>${header}</thead><tbody>${rows}</tbody></mj-table>
</mj-column></mj-section>`;
}
