import type { Locale } from "../schema";
import { html } from "./escape-html";
import { oneLine, renderMail, textPart } from "./layout";

/** A rendered e-mail, ready for `Mail.send` with a recipient. */
export interface Message {
  subject: string;
  text: string;
  html: string;
}

export interface SignInMessageInput {
  locale: Locale;
  orgName: string;
  link: string;
  code: string;
  validMinutes: number;
}

const signInCopy = {
  sv: (v: SignInMessageInput) => ({
    subject: `Logga in på ${v.orgName}`,
    intro: `Öppna länken för att logga in på ${v.orgName} i Sprida:`,
    button: `Logga in på ${v.orgName}`,
    code: "Eller ange den här koden:",
    validity: `Länken och koden gäller i ${v.validMinutes} minuter och kan bara användas en gång.`,
    ignore:
      "Om du inte har bett om att logga in kan du bortse från det här meddelandet. Ingen kan logga in utan länken eller koden.",
  }),
  en: (v: SignInMessageInput) => ({
    subject: `Sign in to ${v.orgName}`,
    intro: `Open this link to sign in to ${v.orgName} on Sprida:`,
    button: `Sign in to ${v.orgName}`,
    code: "Or enter this code:",
    validity: `The link and the code are valid for ${v.validMinutes} minutes and can be used once.`,
    ignore:
      "If you did not ask to sign in, you can ignore this e-mail. Nobody can sign in without the link or the code.",
  }),
} satisfies Record<Locale, (v: SignInMessageInput) => Record<string, string>>;

export async function signInMessage(input: SignInMessageInput): Promise<Message> {
  const copy = signInCopy[input.locale]({ ...input, orgName: oneLine(input.orgName) });
  const { html: body } = await renderMail({
    locale: input.locale,
    title: copy.subject,
    preheader: copy.validity,
    body: html`<mj-section><mj-column>
<mj-text><h1>${copy.subject}</h1><p>${copy.intro}</p></mj-text>
<mj-button href="${input.link}">${copy.button}</mj-button>
<mj-text><p>${copy.code} <strong style="font-size: 1.5em; letter-spacing: 0.1em;">${input.code}</strong></p>
<p>${copy.validity}</p>
<p>${copy.ignore}</p></mj-text>
</mj-column></mj-section>`,
  });
  return {
    subject: copy.subject,
    text: textPart([
      copy.intro,
      input.link,
      "",
      `${copy.code} ${input.code}`,
      "",
      copy.validity,
      copy.ignore,
    ]),
    html: body,
  };
}

export interface InviteMessageInput {
  locale: Locale;
  orgName: string;
  link: string;
  expiresAt: Date;
  /** IANA time zone the expiry is shown in: the organisation's. */
  timeZone?: string;
}

function formatExpiry(input: InviteMessageInput): string {
  return new Intl.DateTimeFormat(input.locale, {
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZone: input.timeZone ?? "UTC",
    timeZoneName: "short",
  }).format(input.expiresAt);
}

const inviteCopy = {
  sv: (v: InviteMessageInput, expiry: string) => ({
    subject: `Du är inbjuden till ${v.orgName} i Sprida`,
    intro: `Du har blivit inbjuden att gå med i ${v.orgName} i Sprida, där du kan dela organisationens innehåll i dina egna nätverk när du själv vill.`,
    action: "Öppna länken för att läsa riktlinjerna och gå med:",
    button: `Gå med i ${v.orgName}`,
    validity: `Inbjudan gäller till ${expiry}.`,
    ignore:
      "Om du inte vill gå med behöver du inte göra något. Inget registreras om dig förrän du själv väljer att gå med.",
  }),
  en: (v: InviteMessageInput, expiry: string) => ({
    subject: `You are invited to ${v.orgName} on Sprida`,
    intro: `You have been invited to join ${v.orgName} on Sprida, where you can share the organisation's content with your own networks whenever you choose.`,
    action: "Open this link to read the guidelines and join:",
    button: `Join ${v.orgName}`,
    validity: `The invitation is valid until ${expiry}.`,
    ignore:
      "If you do not want to join, you need not do anything. Nothing is recorded about you unless you choose to join.",
  }),
} satisfies Record<Locale, (v: InviteMessageInput, expiry: string) => Record<string, string>>;

export async function inviteMessage(input: InviteMessageInput): Promise<Message> {
  const copy = inviteCopy[input.locale](
    { ...input, orgName: oneLine(input.orgName) },
    formatExpiry(input),
  );
  const { html: body } = await renderMail({
    locale: input.locale,
    title: copy.subject,
    preheader: copy.validity,
    body: html`<mj-section><mj-column>
<mj-text><h1>${copy.subject}</h1><p>${copy.intro}</p><p>${copy.action}</p></mj-text>
<mj-button href="${input.link}">${copy.button}</mj-button>
<mj-text><p>${copy.validity}</p>
<p>${copy.ignore}</p></mj-text>
</mj-column></mj-section>`,
  });
  return {
    subject: copy.subject,
    text: textPart([copy.intro, "", copy.action, input.link, "", copy.validity, copy.ignore]),
    html: body,
  };
}
