import type { Catalogue } from "../../i18n/en";

/** The E-mails place: the weekly e-mails' schedule, delivery, preview and test. */
const en = {
  title: "E-mails",
  intro:
    "Every week, owners and admins who want it get the admin report, and members who want it get their digest, at the frequency they chose. Both cover the last finished week.",
  schedule: "When they go out",
  scheduleNow: "Every {{day}} at {{hour}} ({{timeZone}}).",
  scheduleExplain:
    "On the organisation's own clock. Each e-mail reports the week before, Monday to Sunday.",
  weekday: "Weekday",
  hour: "Hour",
  saveSchedule: "Save the time",
  delivery: "Recipients and delivery",
  recipientsExplain: "Recipients of the next send: active members whose choices ask for it.",
  suppressedExplain:
    "Suppressed: addresses that bounced or marked our e-mail as spam. Nothing is sent to them again.",
  suppressed: "Suppressed",
  noSends: "Nothing sent yet. The first send shows here with what was sent, skipped and failed.",
  sendsCaption:
    "The last weeks' sends. Skipped: nothing new for the member, or a suppressed address. Pending: being sent, or not confirmed after a failure.",
  week: "Week",
  kindLabel: "E-mail",
  kind: { "admin-report": "Admin report", digest: "Digest" },
  state: { sent: "Sent", skipped: "Skipped", failed: "Failed", pending: "Pending" },
  preview: "Preview",
  language: "Language",
  subject: "Subject",
  html: "As e-mail",
  text: "Plain text",
  width: "Width",
  phone: "Phone",
  desktop: "Desktop",
  frameTitle: "Preview of the e-mail: {{subject}}",
  wouldNotSend:
    "You would not get this digest: nothing new for you in that week. It is shown as it would look.",
  sendTest: "Send a test to me",
  testSent: "Test sent",
  testSentTo: "A test is on its way to {{address}}. Its subject starts with [Test].",
};

const sv: Catalogue<typeof en> = {
  title: "E-post",
  intro:
    "Varje vecka får ägare och administratörer som vill det adminrapporten, och medlemmar som vill det sitt nyhetsbrev, så ofta de valt. Båda gäller den senaste avslutade veckan.",
  schedule: "När de skickas",
  scheduleNow: "Varje {{day}} klockan {{hour}} ({{timeZone}}).",
  scheduleExplain:
    "Efter organisationens egen klocka. Varje mejl gäller veckan innan, måndag till söndag.",
  weekday: "Veckodag",
  hour: "Klockslag",
  saveSchedule: "Spara tiden",
  delivery: "Mottagare och leverans",
  recipientsExplain: "Mottagare av nästa utskick: aktiva medlemmar vars val ber om det.",
  suppressedExplain:
    "Spärrade: adresser som studsat eller markerat vår e-post som skräppost. Inget skickas till dem igen.",
  suppressed: "Spärrade",
  noSends:
    "Inget skickat än. Det första utskicket visas här med vad som skickades, hoppades över och misslyckades.",
  sendsCaption:
    "De senaste veckornas utskick. Överhoppade: inget nytt för medlemmen, eller en spärrad adress. Väntande: skickas nu, eller obekräftade efter ett fel.",
  week: "Vecka",
  kindLabel: "Mejl",
  kind: { "admin-report": "Adminrapport", digest: "Nyhetsbrev" },
  state: { sent: "Skickade", skipped: "Överhoppade", failed: "Misslyckade", pending: "Väntande" },
  preview: "Förhandsvisning",
  language: "Språk",
  subject: "Ämne",
  html: "Som mejl",
  text: "Ren text",
  width: "Bredd",
  phone: "Mobil",
  desktop: "Dator",
  frameTitle: "Förhandsvisning av mejlet: {{subject}}",
  wouldNotSend:
    "Du skulle inte få det här nyhetsbrevet: inget nytt för dig den veckan. Det visas som det skulle se ut.",
  sendTest: "Skicka ett test till mig",
  testSent: "Testet skickat",
  testSentTo: "Ett test är på väg till {{address}}. Ämnet börjar med [Test].",
};

export const mailWords = { en, sv };
