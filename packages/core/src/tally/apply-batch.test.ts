import { randomUUID } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { testDynamo } from "@sprida/testing/dynamodb";
import { provideTestRuntime } from "@sprida/testing/runtime";
import { beforeAll, describe, expect, it } from "vitest";
import { meterDynamoDb } from "../dynamo";
import { Org } from "../org";
import { Runtime } from "../runtime";
import { applyBatch } from "./apply-batch";
import { pointsOf } from "./metrics";
import { countersBetween, orgDay } from "./read";
import { tallyService } from "./tally.entity";
import type { TallyRecord } from "./tally-record";
import { TestLink } from "./test-support";

const DAY = "2026-11-28";
const NEXT_DAY = "2026-11-29";
const newOrg = () => `org-${randomUUID()}`;

async function memberTotals(orgId: string, memberId: string, period = "all") {
  const { data } = await tallyService()
    .memberTotal.get({ orgId, period, memberId })
    .go({ consistent: true });
  return data;
}

async function awardsOf(orgId: string, memberId: string) {
  const { data } = await tallyService().award.query.byMember({ orgId, memberId }).go();
  return data.map((award) => `${award.kind}:${award.key}`).sort();
}

async function linkDay(orgId: string, link: TestLink, day: string) {
  const { data } = await tallyService()
    .counter.get({ orgId, dimension: "link", key: link.linkCode, day })
    .go({ consistent: true });
  return data;
}

function probes(orgId: string, partition: string, sequences: string[]): TallyRecord[] {
  return sequences.map((sequenceNumber) => ({
    partition,
    sequenceNumber,
    eventId: randomUUID(),
    orgId,
    occurredAt: `${DAY}T10:00:00.000Z`,
    name: "probe.sent",
    properties: { probeId: randomUUID() },
  }));
}

describe("applying a tally batch exactly once", () => {
  beforeAll(() => provideTestRuntime());

  it("adds each record once, and a retried or replayed batch changes nothing", async () => {
    const org = newOrg();
    const batch = probes(org, `p-${randomUUID()}`, ["100", "101", "102"]);
    expect(await applyBatch(batch)).toMatchObject({ applied: 3, skipped: 0 });
    expect(await applyBatch(batch)).toMatchObject({ applied: 0, skipped: 3 });
    expect((await orgDay(org, DAY)).probes).toBe(3);
  });

  it("applies only what lies past the checkpoint, comparing sequence numbers as numbers", async () => {
    const org = newOrg();
    const partition = `p-${randomUUID()}`;
    await applyBatch(probes(org, partition, ["9", "98"]));
    // "100" < "98" as text; as numbers it is newer and must be applied.
    expect(await applyBatch(probes(org, partition, ["98", "100", "101"]))).toMatchObject({
      applied: 2,
      skipped: 1,
    });
    expect((await orgDay(org, DAY)).probes).toBe(4);
  });

  it("counts every class of click and gives points only for unique human clicks", async () => {
    const org = newOrg();
    const link = new TestLink(org, "m1", "c1", "linkedin", {
      segment: { office: "Malmö" },
      networkSize: 300,
      campaignId: "spring",
    });
    await applyBatch([
      link.created(DAY),
      link.confirmed(DAY),
      link.click(DAY, "bot"),
      link.click(DAY, "self"),
      link.click(DAY, "internal"),
      link.click(DAY, "human"),
      link.click(DAY, "human", false),
    ]);
    const totals = await orgDay(org, DAY);
    expect(totals).toMatchObject({
      sharesIntended: 1,
      sharesConfirmed: 1,
      potentialReach: 300,
      rawClicks: 5,
      botClicks: 1,
      selfClicks: 1,
      internalClicks: 1,
      humanClicks: 2,
      uniqueClicks: 1,
      sharePoints: 5,
      clickPoints: 1,
    });
    for (const dimension of [
      "content",
      "member",
      "channel",
      "campaign",
      "segment",
      "link",
    ] as const) {
      const rows = await countersBetween(org, dimension, DAY, DAY);
      expect(rows, dimension).toHaveLength(1);
      expect(rows[0]?.counts, dimension).toEqual(totals);
    }
    expect((await countersBetween(org, "segment", DAY, DAY))[0]?.key).toBe("office:Malmö");
    const all = await memberTotals(org, "m1");
    expect(
      pointsOf({ sharePoints: all?.sharePoints ?? 0, clickPoints: all?.clickPoints ?? 0 }),
    ).toBe(6);
    expect(await memberTotals(org, "m1", "week:2026-W48")).toMatchObject({ uniqueClicks: 1 });
    expect(await memberTotals(org, "m1", "week:2026-W48")).toMatchObject({ sharesConfirmed: 1 });
  });

  it("gives share points once per member and content, however many channels", async () => {
    const org = newOrg();
    const linkedin = new TestLink(org, "m1", "c1", "linkedin");
    const x = new TestLink(org, "m1", "c1", "x");
    await applyBatch([linkedin.confirmed(DAY)]);
    await applyBatch([x.confirmed(DAY), linkedin.confirmed(DAY)]);
    expect(await orgDay(org, DAY)).toMatchObject({ sharesConfirmed: 2, sharePoints: 5 });
    expect(await awardsOf(org, "m1")).toContain("share_points:c1");
  });

  it("caps click points per link and local day, and the cap starts again the next day", async () => {
    const org = newOrg();
    const link = new TestLink(org, "m1", "c1");
    const today = Array.from({ length: 25 }, () => link.click(DAY, "human"));
    await applyBatch(today.slice(0, 12));
    await applyBatch(today.slice(12));
    await applyBatch([link.click(NEXT_DAY, "human"), link.click(NEXT_DAY, "human")]);
    expect(await orgDay(org, DAY)).toMatchObject({ uniqueClicks: 25, clickPoints: 20 });
    expect(await orgDay(org, NEXT_DAY)).toMatchObject({ uniqueClicks: 2, clickPoints: 2 });
  });

  it("gives points to at most two unique visitors from one address per link and day, however many User-Agents it rotates", async () => {
    const org = newOrg();
    const inOneBatch = new TestLink(org, "m1", "c1");
    const overBatches = new TestLink(org, "m1", "c2");
    // 30 User-Agents from one address: 30 visitors, so 30 unique human clicks, on each link.
    const rotated = (link: TestLink) =>
      Array.from({ length: 30 }, () => link.click(DAY, "human", true, "one-address"));
    const first = rotated(inOneBatch);
    const second = rotated(overBatches);
    await applyBatch(first);
    await applyBatch(second.slice(0, 1));
    await applyBatch(second.slice(1, 2));
    await applyBatch(second.slice(2));
    const expected = { rawClicks: 30, humanClicks: 30, uniqueClicks: 30, clickPoints: 2 };
    expect(await linkDay(org, inOneBatch, DAY)).toMatchObject(expected);
    expect(await linkDay(org, overBatches, DAY)).toMatchObject(expected);

    // A replayed batch changes nothing; the next day the address may earn again.
    expect(await applyBatch(first)).toMatchObject({ applied: 0, skipped: 30 });
    expect(await applyBatch(second)).toMatchObject({ applied: 0, skipped: 30 });
    await applyBatch([inOneBatch.click(NEXT_DAY, "human", true, "one-address")]);
    expect(await orgDay(org, DAY)).toMatchObject({ uniqueClicks: 60, clickPoints: 4 });
    expect(await orgDay(org, NEXT_DAY)).toMatchObject({ uniqueClicks: 1, clickPoints: 1 });
  });

  it("lets every address earn on its own, and a capped address leaves the link's daily points to others", async () => {
    const org = newOrg();
    const link = new TestLink(org, "m1", "c1");
    const fromA = Array.from({ length: 25 }, () => link.click(DAY, "human", true, "address-a"));
    const fromB = Array.from({ length: 3 }, () => link.click(DAY, "human", true, "address-b"));
    const others = Array.from({ length: 5 }, () => link.click(DAY, "human"));
    await applyBatch([...fromA, ...fromB, ...others]);
    expect(await linkDay(org, link, DAY)).toMatchObject({
      uniqueClicks: 33,
      clickPoints: 2 + 2 + 5,
    });
  });

  it("takes the cap on visitors per address from the organisation's point rules", async () => {
    const org = await Org.create({
      name: "One per address AB",
      locale: "sv",
      timeZone: "Europe/Stockholm",
      settings: { points: { perUniqueHumanClick: 3, maxPointVisitorsPerAddressPerLinkPerDay: 1 } },
    });
    const link = new TestLink(org.orgId, "m1", "c1");
    await applyBatch(Array.from({ length: 4 }, () => link.click(DAY, "human", true, "address-a")));
    expect(await linkDay(org.orgId, link, DAY)).toMatchObject({ uniqueClicks: 4, clickPoints: 3 });
  });

  it("follows the organisation's own point rules", async () => {
    const org = await Org.create({
      name: "Rules AB",
      locale: "sv",
      timeZone: "Europe/Stockholm",
      settings: {
        points: { perConfirmedShare: 10, perUniqueHumanClick: 3, maxClickPointsPerLinkPerDay: 7 },
      },
    });
    const link = new TestLink(org.orgId, "m1", "c1");
    await applyBatch([
      link.confirmed(DAY),
      link.click(DAY, "human"),
      link.click(DAY, "human"),
      link.click(DAY, "human"),
    ]);
    expect(await orgDay(org.orgId, DAY)).toMatchObject({ sharePoints: 10, clickPoints: 7 });
  });

  it("confirms a share on its link's first unique human click, and a later confirmation adds nothing", async () => {
    const org = newOrg();
    const link = new TestLink(org, "m1", "c1", "x", { segment: {}, networkSize: 40 });
    await applyBatch([link.created(DAY), link.click(DAY, "bot"), link.click(DAY, "human")]);
    expect(await orgDay(org, DAY)).toMatchObject({
      sharesConfirmed: 1,
      potentialReach: 40,
      sharePoints: 5,
    });
    await applyBatch([link.confirmed(DAY), link.click(DAY, "human")]);
    expect(await orgDay(org, DAY)).toMatchObject({
      sharesConfirmed: 1,
      potentialReach: 40,
      sharePoints: 5,
      uniqueClicks: 2,
    });
  });

  it("awards badges once, when an all-time total crosses them", async () => {
    const org = newOrg();
    const first = new TestLink(org, "m1", "c1");
    const second = new TestLink(org, "m1", "c2");
    await applyBatch([first.confirmed(DAY), first.click(DAY, "human")]);
    await applyBatch([second.confirmed(DAY), second.click(DAY, "human")]);
    expect(await awardsOf(org, "m1")).toEqual([
      "badge:first_click",
      "badge:first_share",
      "share_points:c1",
      "share_points:c2",
    ]);
  });

  it("splits a batch that touches more than a transaction holds, and stays exact", async () => {
    const org = newOrg();
    const links = Array.from(
      { length: 30 },
      (_, i) =>
        new TestLink(org, `m${i}`, `c${i}`, "x", {
          segment: { office: `o${i}`, unit: `u${i}` },
          networkSize: 10,
        }),
    );
    const batch = links.flatMap((link) => [link.confirmed(DAY), link.click(DAY, "human")]);
    const result = await applyBatch(batch);
    expect(result.transactions).toBeGreaterThan(1);
    expect(await applyBatch(batch)).toMatchObject({ applied: 0, skipped: 60 });
    expect(await orgDay(org, DAY)).toMatchObject({
      sharesConfirmed: 30,
      potentialReach: 300,
      uniqueClicks: 30,
      sharePoints: 150,
      clickPoints: 30,
    });
  });

  it("ends exact when the process dies after a commit and a fresh one applies the batch again", async () => {
    const org = newOrg();
    const links = Array.from({ length: 20 }, (_, i) => new TestLink(org, `m${i}`, "c1", "x"));
    const batch = links.flatMap((link) => [
      link.created(DAY),
      link.click(DAY, "human"),
      link.click(DAY, "bot"),
    ]);

    // A client whose second transaction lands and then "crashes" before anyone hears of it.
    const { endpoint } = testDynamo();
    const crashing = new DynamoDBClient({
      endpoint,
      region: "eu-north-1",
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
    });
    let transactions = 0;
    crashing.middlewareStack.add(
      (next, context) => async (args) => {
        const output = await next(args);
        if (context.commandName === "TransactWriteItemsCommand" && ++transactions === 2) {
          throw new Error("process killed after the write landed");
        }
        return output;
      },
      { step: "initialize", name: "crashAfterSecondTransaction" },
    );
    const before = Runtime.use();
    Runtime.provide({ ...before, dynamo: crashing, document: Runtime.documentClient(crashing) });
    await expect(applyBatch(batch)).rejects.toThrow(/process killed/);
    const partial = await orgDay(org, DAY);
    expect(partial.rawClicks).toBeGreaterThan(0);
    expect(partial.rawClicks).toBeLessThan(40);

    Runtime.provide(before); // the fresh process
    await applyBatch(batch);
    await applyBatch(batch);
    expect(await orgDay(org, DAY)).toMatchObject({
      sharesIntended: 20,
      rawClicks: 40,
      botClicks: 20,
      uniqueClicks: 20,
      sharesConfirmed: 20,
      sharePoints: 5 * 20,
      clickPoints: 20,
    });
  });

  it("writes well under one unit per click when clicks come in batches", async () => {
    const { endpoint } = testDynamo();
    const client = new DynamoDBClient({
      endpoint,
      region: "eu-north-1",
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
    });
    const meter = meterDynamoDb(client);
    const before = Runtime.use();
    Runtime.provide({ ...before, dynamo: client, document: Runtime.documentClient(client) });
    try {
      const perClick: Record<string, number> = {};
      for (const batchSize of [100, 1_000]) {
        // A popular post: 10 members' links to one content item, 2,000 clicks of every class.
        const org = newOrg();
        const links = Array.from(
          { length: 10 },
          (_, i) =>
            new TestLink(org, `m${i}`, "c1", "linkedin", {
              segment: { office: "Stockholm" },
              networkSize: 500,
            }),
        );
        await applyBatch(links.map((link) => link.confirmed(DAY)));
        const classes = ["human", "human", "human", "bot", "self", "internal"] as const;
        const clicks = Array.from({ length: 2_000 }, (_, i) =>
          (links[i % links.length] as TestLink).click(DAY, classes[i % classes.length] ?? "human"),
        );
        meter.reset();
        for (let i = 0; i < clicks.length; i += batchSize) {
          await applyBatch(clicks.slice(i, i + batchSize));
        }
        perClick[`batchesOf${batchSize}`] = meter.snapshot().writeUnits / clicks.length;
        expect((await orgDay(org, DAY)).rawClicks).toBe(2_000);
      }
      console.log("tally write units per click, 10 links:", JSON.stringify(perClick));
      expect(perClick.batchesOf1000).toBeLessThan(0.5);
    } finally {
      Runtime.provide(before);
    }
  });
});
