import type { OutgoingEvent } from "@sprida/core/event";
import { Org } from "@sprida/core/org";
import { createApp } from "@sprida/functions/http";
import { createRedirectApp } from "@sprida/functions/http/redirect";
import { expect } from "vitest";
import { publishContent } from "../../helpers/content";
import { TEST_ORIGIN, TestClient } from "../../helpers/http";
import { type SeededMember, type SeededOrg, seedOrganisation } from "../../helpers/identity";
import { provideTestRuntime, RecordingPublisher } from "../../helpers/runtime";

/** What the redirect tests share: a bus that can fail, a settable clock, an organisation. */

/** A bus that takes events, refuses them, or takes them only after the redirect gave up. */
export class UnreliablePublisher extends RecordingPublisher {
  mode: "ok" | "fail" | "stuck" = "ok";
  private stuck: (() => void)[] = [];

  override async publish(events: OutgoingEvent[]): Promise<void> {
    if (this.mode === "fail") throw new Error("the bus is unavailable");
    if (this.mode === "stuck") await new Promise<void>((resolve) => this.stuck.push(resolve));
    await super.publish(events);
  }

  /** Lets every publish that is stuck go through. */
  release(): void {
    for (const resolve of this.stuck.splice(0)) resolve();
  }

  clicks(linkCode?: string) {
    return this.published
      .filter((event) => event.detailType === "link.clicked")
      .filter(
        (event) =>
          linkCode === undefined ||
          (event.detail.properties as { linkCode: string }).linkCode === linkCode,
      );
  }
}

/** A clock the tests set; every timestamp the runtime makes comes from it. */
export class SettableClock {
  private at = new Date("2037-04-01T08:00:00.000Z");
  readonly now = () => new Date(this.at);
  set(iso: string) {
    this.at = new Date(iso);
  }
}

export const UA = {
  iPhone:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
  desktop:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
} as const;

export function provideRedirectRuntime() {
  const clock = new SettableClock();
  const publisher = new UnreliablePublisher();
  const { runtime } = provideTestRuntime({ publisher, now: clock.now });
  return { clock, publisher, runtime };
}

export interface Setting {
  org: SeededOrg;
  member: SeededMember;
  /** The member's link to an item on the organisation's own domain. */
  ownLink: { code: string; destination: string };
  /** The member's link to an item elsewhere. */
  externalLink: { code: string; destination: string };
  /** The `sprida_self` cookie the hub gave the member (name=value), and its Set-Cookie. */
  selfCookie: string;
  selfCookieHeader: string;
  /** Where the member took their links from, and with which browser. */
  memberClient: { address: string; userAgent: string };
}

export const publishedItem = (owner: TestClient, url: string): Promise<string> =>
  publishContent(owner, { title: "Our new office", url });

/**
 * An organisation whose own domain is news.example and whose office networks are
 * 192.0.2.0/24 and 2001:db8:aa::/48, with a member who took two links on the hub.
 */
export async function redirectSetting(memberAddress = "198.51.100.10"): Promise<Setting> {
  const org = await seedOrganisation("Redirect");
  await Org.update(org.orgId, {
    ownDomains: ["news.example"],
    internalNetworks: ["192.0.2.0/24", "2001:db8:aa::/48"],
  });
  const memberClient = { address: memberAddress, userAgent: UA.iPhone };
  const owner = new TestClient(apiFrom(memberClient.address), org.owner.sessionToken);
  const share = (contentId: string) => shareAs(org.member.sessionToken, contentId, memberClient);
  const own = await share(await publishedItem(owner, "https://www.news.example/office?ref=home"));
  const external = await share(await publishedItem(owner, "https://elsewhere.example/a?b=c"));
  return {
    org,
    member: org.member,
    ownLink: own.link,
    externalLink: external.link,
    selfCookie: own.selfCookie,
    selfCookieHeader: own.selfCookieHeader,
    memberClient,
  };
}

const apiFrom = (address: string) => createApp({ clientAddress: () => address });

/** A member takes their link on the hub, from `client`; returns it and the self cookie. */
export async function shareAs(
  sessionToken: string,
  contentId: string,
  client: { address: string; userAgent: string },
) {
  const member = new TestClient(apiFrom(client.address), sessionToken);
  const answer = await member.post(`/api/content/${contentId}/share`, {
    json: { channel: "linkedin" },
    headers: { "user-agent": client.userAgent },
  });
  expect(answer.status, answer.text).toBe(200);
  const { link } = answer.body as { link: { code: string; destination: string } };
  const header = answer.headers.getSetCookie().find((cookie) => cookie.startsWith("sprida_self="));
  expect(header).toBeDefined();
  return {
    link,
    selfCookieHeader: header as string,
    selfCookie: (header as string).split(";")[0] as string,
  };
}

export interface Visit {
  address?: string;
  method?: string;
  headers?: Record<string, string>;
}

/** A request to `/r/{code}` from a client at `address` (the trusted source). */
export async function visit(code: string, { address, method = "GET", headers }: Visit = {}) {
  const app = createRedirectApp({ clientAddress: () => address });
  return app.request(`${TEST_ORIGIN}/r/${code}`, {
    method,
    headers: { "user-agent": UA.desktop, ...headers },
  });
}

export type ClickedDetail = {
  properties: Record<string, unknown> & { class: string; visitor: string; day: string };
  metadata: { eventId: string; orgId: string; occurredAt: string; correlationId: string };
};

export const detailOf = (event: OutgoingEvent | undefined) => event?.detail as ClickedDetail;
