import { randomUUID } from "node:crypto";
import { Session } from "@sprida/core/auth";
import { Member, type Role, type Segment } from "@sprida/core/member";
import { Org } from "@sprida/core/org";
import { EventRules } from "@sprida/functions/events";
import { createApp } from "@sprida/functions/http";
import { afterAll, afterEach, beforeAll, beforeEach, expect } from "vitest";
import type { TestClient, TestResponse } from "./http";
import { provideTestRuntime, TEST_ALTERNATE_ORIGINS } from "./runtime";
import type { StoredMail } from "./test-inbox";
import { startTestInbox, type TestInbox } from "./test-inbox";

/**
 * What the HTTP flow tests share: a clock the runtime reads, an app with a client address of
 * its own (so one test's rate limits never meet another's), a record of every response (to
 * prove none carries a stack trace), and readers for the links and codes in e-mails.
 */

/** Real time plus an offset the test moves; give `clock.now` to the runtime. */
export class TestClock {
  private offsetMs = 0;

  readonly now = (): Date => new Date(Date.now() + this.offsetMs);

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  reset(): void {
    this.offsetMs = 0;
  }

  /**
   * Moves to one second after the start of the next fixed window of `seconds` (rate limits
   * count in fixed windows), so a burst of requests in a test all fall in one window.
   */
  toStartOfNextWindow(seconds: number): void {
    const now = this.now().getTime();
    const windowMs = seconds * 1000;
    this.advance(Math.ceil(now / windowMs) * windowMs + 1000 - now);
  }
}

export const MINUTE_MS = 60_000;
export const DAY_MS = 24 * 60 * MINUTE_MS;

export interface SeenResponse {
  method: string;
  url: string;
  status: number;
  text: string;
}

/** What a stack trace or a source path looks like in a response. */
export const STACK_TRACE = /\bat \S.*:\d+:\d+|node_modules|\/work\/|\.[cm]?[jt]s:\d+|\bError: /;

/**
 * The app as a browser meets it, with a client address no other test uses. Every response
 * it gives is kept in `seen`.
 */
export function observedApp() {
  // Clients are keyed by their /64: randomise inside the prefix, not only the interface id.
  const hex = () => randomUUID().slice(0, 4);
  const address = `2001:db8:${hex()}:${hex()}::${hex()}`;
  const app = createApp({ clientAddress: () => address });
  const seen: SeenResponse[] = [];
  return {
    hono: app,
    seen,
    app: {
      async request(input: string, init?: RequestInit): Promise<Response> {
        const response = await app.request(input, init);
        seen.push({
          method: init?.method ?? "GET",
          url: input,
          status: response.status,
          text: await response.clone().text(),
        });
        return response;
      },
    },
  };
}

export function expectNoStackTraces(seen: SeenResponse[]): void {
  for (const response of seen) {
    expect(
      response.text,
      `${response.method} ${response.url} answered ${response.status}`,
    ).not.toMatch(STACK_TRACE);
  }
}

/** The one link to `path` in a mail's text part. */
export function linkIn(mail: StoredMail | undefined, path: "/sign-in" | "/join"): URL {
  const text = mail?.body.text ?? "";
  const links = [...text.matchAll(/https?:\/\/\S+/g)]
    .map((match) => new URL(match[0]))
    .filter((url) => url.pathname === path);
  expect(links, `one ${path} link in: ${text}`).toHaveLength(1);
  return links[0] as URL;
}

/** The link's path and query, as the browser requests it on our app. */
export const pathOf = (url: URL) => `${url.pathname}${url.search}`;

export function tokenOf(url: URL): string {
  const token = url.searchParams.get("token");
  expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  return token as string;
}

/** The six-digit code of a sign-in mail ("Or enter this code: 123456"). */
export function codeIn(mail: StoredMail | undefined): string {
  const match = /:\s(\d{6})\s*$/m.exec(mail?.body.text ?? "");
  expect(match, mail?.body.text).not.toBeNull();
  return (match as RegExpExecArray)[1] as string;
}

export const unique = () => randomUUID().slice(0, 8);
export const uniqueEmail = (label = "person") => `${label}-${randomUUID()}@flows.example`;
/** One of the test deployment's alternate origins (an organisation may only choose those). */
let originTurn = 0;
export const alternateOrigin = () =>
  TEST_ALTERNATE_ORIGINS[originTurn++ % TEST_ALTERNATE_ORIGINS.length] as string;

export interface Membership {
  orgId: string;
  memberId: string;
  personId: string;
  email: string;
  role: Role;
}

/** An active membership made the way the product makes one: invited, then accepted. */
export async function joinAs(
  orgId: string,
  email: string,
  role: Role = "member",
  options: { displayName?: string; segment?: Segment } = {},
): Promise<Membership> {
  const { inviteToken } = await Member.invite({
    orgId,
    email,
    role,
    displayName: options.displayName,
    segment: options.segment,
    invitedBy: Member.SYSTEM_ACTOR,
  });
  const version = (await Org.get(orgId)).guidelines?.version ?? 1;
  const ref = await Member.acceptInvite({ token: inviteToken, guidelinesVersion: version });
  return { orgId, memberId: ref.memberId, personId: ref.personId, email, role };
}

/** A new session of a membership: the cookie token a signed-in browser holds. */
export async function sessionOf(membership: {
  orgId: string;
  memberId: string;
  personId: string;
}): Promise<string> {
  const { sessionToken } = await Session.create(membership);
  return sessionToken;
}

/** An organisation with one owner and nobody else. */
export async function organisationWithOneOwner(
  options: { locale?: "sv" | "en"; publicOrigin?: string } = {},
) {
  const label = unique();
  const org = await Org.create({
    name: `Solo ${label}`,
    locale: options.locale ?? "en",
    timeZone: "Europe/Stockholm",
    ...(options.publicOrigin && { publicOrigin: options.publicOrigin }),
    guidelines: `Guidelines of Solo ${label}`,
  });
  const owner = await joinAs(org.orgId, uniqueEmail("owner"), "owner", {
    displayName: `Solo owner ${label}`,
  });
  return { org, owner };
}

/** The organisation's local day now, as the member counts use it. */
export const today = (clock: TestClock, timeZone = "Europe/Stockholm") =>
  Org.localDay(timeZone, clock.now());

export interface PageForm {
  /** Where the button posts, as a path on our app ("&amp;" decoded). */
  action: string;
  /** What the form sends: hidden fields, and ticked checkboxes. */
  fields: Record<string, string>;
  checkboxes: number;
  hasButton: boolean;
}

const ENTITIES: Record<string, string> = {
  "&amp;": "&",
  "&quot;": '"',
  "&#39;": "'",
  "&#x27;": "'",
  "&lt;": "<",
  "&gt;": ">",
};
const decodeEntities = (value: string) =>
  value.replace(/&(amp|quot|#39|#x27|lt|gt);/g, (entity) => ENTITIES[entity] ?? entity);

/** The page's POST form as a browser reads it; `tick` ticks every checkbox. */
export function formOn(page: { text: string }, options: { tick?: boolean } = {}): PageForm {
  const form = /<form\b[^>]*method="post"[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/i.exec(
    page.text,
  );
  expect(form, `a POST form on: ${page.text.slice(0, 2000)}`).not.toBeNull();
  const [, action = "", inner = ""] = form as RegExpExecArray;
  const fields: Record<string, string> = {};
  let checkboxes = 0;
  for (const [, attributes = ""] of inner.matchAll(/<input\b([^>]*)>/gi)) {
    const attribute = (name: string) =>
      new RegExp(`\\b${name}="([^"]*)"`, "i").exec(attributes)?.[1];
    const name = attribute("name");
    if (attribute("type") === "checkbox") {
      checkboxes++;
      if (options.tick && name)
        fields[decodeEntities(name)] = decodeEntities(attribute("value") ?? "on");
      continue;
    }
    if (name) fields[decodeEntities(name)] = decodeEntities(attribute("value") ?? "");
  }
  return {
    action: decodeEntities(action),
    fields,
    checkboxes,
    hasButton: /<button\b[^>]*type="submit"/i.test(inner),
  };
}

/** Presses the page's button: posts its form the way a browser would (our Origin, its fields). */
export function pressButton(
  client: TestClient,
  page: { text: string },
  options: { tick?: boolean } = {},
): Promise<TestResponse> {
  const form = formOn(page, options);
  return client.post(form.action, { form: form.fields });
}

/**
 * The rules whose handlers the flows run in process when an event is published: invitations
 * are mailed as on AWS, by the `invitation-mail` subscriber of `member.invited`.
 */
export const MAILING_RULES = EventRules.filter((rule) => rule.id === "invitation-mail");

/**
 * The shared frame of an HTTP flow suite: the SES emulator as the runtime's mail, a clock the
 * test moves, a fresh observed app for every test, and no stack trace in any response.
 */
export function useHttpFlows() {
  const clock = new TestClock();
  const state: {
    inbox?: TestInbox;
    app?: ReturnType<typeof observedApp>["app"];
    seen: SeenResponse[];
  } = {
    seen: [],
  };
  beforeAll(async () => {
    state.inbox = await startTestInbox();
    provideTestRuntime({ mail: state.inbox.client, now: clock.now }, { deliver: MAILING_RULES });
  });
  afterAll(() => state.inbox?.stop());
  beforeEach(() => {
    clock.reset();
    Object.assign(state, observedApp());
  });
  afterEach(() => expectNoStackTraces(state.seen));
  return {
    clock,
    get inbox() {
      return state.inbox as TestInbox;
    },
    get app() {
      return state.app as ReturnType<typeof observedApp>["app"];
    },
    get seen() {
      return state.seen;
    },
  };
}
