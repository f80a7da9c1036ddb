import { provideTestRuntime } from "@sprida/testing/runtime";
import { activeMember, newEmail, newOrganisation } from "@sprida/testing/test-members";
import { beforeAll, describe, expect, it } from "vitest";
import { Content } from "../content";
import { article } from "../content/test-support";
import type { MembershipRef } from "../member";
import { testClock } from "../member/test-support";
import { Feed } from ".";

const clock = testClock("2026-05-01T08:00:00.000Z");

beforeAll(() => {
  provideTestRuntime({ now: clock.now });
});

const inMinutes = (minutes: number) =>
  new Date(clock.now().getTime() + minutes * 60_000).toISOString();

async function publish(admin: MembershipRef, topics: string[], overrides = {}) {
  clock.advance(60_000);
  const draft = await Content.create(admin, { ...article({ topics }), ...overrides });
  return Content.publish(admin, draft.contentId);
}

/** Live items on known topics, and items on topics of their own that are not live. */
async function library() {
  const org = await newOrganisation();
  const admin = await activeMember(org, newEmail(), "admin");
  const member = await activeMember(org, newEmail());
  await publish(admin, ["engineering", "culture"]);
  await publish(admin, ["culture"]);
  await publish(admin, ["hiring", "culture"]);
  await publish(admin, ["engineering"]);
  await publish(admin, ["expiring"], { expiresAt: inMinutes(10) });
  await Content.create(admin, article({ topics: ["draft"] }));
  await publish(admin, ["scheduled"], { publishAt: inMinutes(60 * 24) });
  const archived = await publish(admin, ["archived"]);
  await Content.archive(admin, archived.contentId);
  // Another organisation's live items: neither their topics nor their counts show.
  const elsewhere = await newOrganisation();
  const theirAdmin = await activeMember(elsewhere, newEmail(), "admin");
  await publish(theirAdmin, ["culture"]);
  await publish(theirAdmin, ["elsewhere"]);
  return { member };
}

describe("the topics of the live items", () => {
  it("count the organisation's live items per topic, most items first, then by name", async () => {
    const { member } = await library();
    expect(await Feed.topicsOf(member)).toEqual([
      { topic: "culture", items: 3 },
      { topic: "engineering", items: 2 },
      { topic: "expiring", items: 1 },
      { topic: "hiring", items: 1 },
    ]);
  });

  it("leave out a topic once its only item expires", async () => {
    const { member } = await library();
    clock.advance(20 * 60_000);
    expect((await Feed.topicsOf(member)).map(({ topic }) => topic)).toEqual([
      "culture",
      "engineering",
      "hiring",
    ]);
  });

  it("are none in an organisation with nothing live", async () => {
    const org = await newOrganisation();
    const admin = await activeMember(org, newEmail(), "admin");
    await Content.create(admin, article({ topics: ["draft"] }));
    expect(await Feed.topicsOf(admin)).toEqual([]);
  });
});
