import { type AttributeValue, ScanCommand, type ScanCommandOutput } from "@aws-sdk/client-dynamodb";
import { Click } from "@sprida/core/click";
import { Keyring } from "@sprida/core/keyring";
import { Runtime } from "@sprida/core/runtime";
import { Secret } from "@sprida/core/secret";
import { Webhook } from "@sprida/core/webhook";
import { beforeAll, describe, expect, it } from "vitest";
import { saltFor } from "../../packages/core/src/click/test-support";
import { dataKey } from "../../packages/core/src/keyring/test-support";
import { clientKeyOf } from "../../packages/functions/src/http/client-key";
import { provideTestRuntime } from "../helpers/runtime";
import { activeMember, newEmail, newOrganisation } from "../helpers/test-members";

type Item = Record<string, AttributeValue>;

/** Every item of the table, as DynamoDB returns it (attribute values as stored). */
async function scanTable(): Promise<Item[]> {
  const { dynamo, tableName } = Runtime.use();
  const items: Item[] = [];
  let start: ScanCommandOutput["LastEvaluatedKey"];
  do {
    const page = await dynamo.send(
      new ScanCommand({ TableName: tableName, ExclusiveStartKey: start }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** The ways a key could be written down: base64, base64url, hex. */
const spellings = (key: Buffer) => [
  key.toString("base64"),
  key.toString("base64url"),
  key.toString("hex"),
];

describe("secrets at rest", () => {
  beforeAll(() => {
    provideTestRuntime();
  });

  it("a scan of the table finds no webhook secret, key, salt or data key in plaintext", async () => {
    const org = await newOrganisation();
    const admin = await activeMember(org, newEmail(), "admin");
    Runtime.use().fetchAllowlist = ["127.0.0.1:9"];
    const created = await Webhook.create(admin, {
      url: "http://127.0.0.1:9/hook",
      events: ["link.clicked"],
    });
    // Rotated with an overlap: the replaced secret is stored too.
    const rotated = await Webhook.rotateSecret(admin, created.webhookId, { overlapHours: 24 });

    const now = Runtime.use().now();
    const day = now.toISOString().slice(0, 10);
    const salt = await saltFor(org.orgId, day);
    await clientKeyOf("203.0.113.9", now);
    const clientKey = await Secret.named(`client-key:${day}`, 2 * 24 * 60 * 60);
    await Click.selfCookieValue([{ orgId: org.orgId, memberId: admin.memberId }]);
    const period = Math.floor(now.getTime() / 1000 / Click.SELF_COOKIE_ROTATION_SECONDS);
    const master = await Secret.find(`self-cookie-master:${period}`);
    if (!master) throw new Error("the hub's cookie made no master key");

    const plaintexts = [
      ...[created.secret, rotated.secret].flatMap((secret) => [
        secret,
        secret.slice(Webhook.SECRET_PREFIX.length),
      ]),
      ...[salt, clientKey, master, await dataKey()].flatMap(spellings),
    ];
    const items = await scanTable();
    const texts = items.map((item) => JSON.stringify(item));
    for (const plaintext of plaintexts) {
      expect(texts.filter((text) => text.includes(plaintext))).toEqual([]);
    }

    // What the table holds for them instead: sealed values.
    const sealedIn = (match: (item: Item) => boolean, attribute: string) => {
      const found = items.filter(match).map((item) => item[attribute]?.S ?? "");
      expect(found.length, attribute).toBeGreaterThan(0);
      return found.every(Keyring.isSealed);
    };
    const entity = (item: Item) => item.__edb_e__?.S;
    const isOurWebhook = (item: Item) =>
      entity(item) === "webhook" && item.webhookId?.S === created.webhookId;
    expect(sealedIn(isOurWebhook, "secret")).toBe(true);
    expect(sealedIn(isOurWebhook, "previousSecret")).toBe(true);
    const isOurSalt = (item: Item) =>
      entity(item) === "visitorSalt" && item.orgId?.S === org.orgId && item.day?.S === day;
    expect(sealedIn(isOurSalt, "value")).toBe(true);
    const ourKeys = [`client-key:${day}`, `self-cookie-master:${period}`];
    const isOurKey = (item: Item) =>
      entity(item) === "secret" && ourKeys.includes(item.name?.S ?? "");
    expect(sealedIn(isOurKey, "value")).toBe(true);
  });
});
