import { beforeAll, describe, expect, test } from "vitest";
import { type SynthesizedApp, synthesizeApp } from "./synth";
import {
  at,
  handlerFunctions,
  type Properties,
  refersTo,
  roleStatements,
  single,
} from "./template";

/**
 * Least privilege, function by function: every action each function's role holds, written out
 * by hand from what its code does, so a grant that grows (or a new function) fails here until
 * someone decides it should. Run by app.test.ts, on its synth.
 */

const SYNTH_TIMEOUT = 180_000;

const READ = ["dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:Query"];
const WRITE = [...READ, "dynamodb:ConditionCheckItem", "dynamodb:PutItem", "dynamodb:UpdateItem"];
const MANAGE = [...WRITE, "dynamodb:DeleteItem"];
/** The event source mapping's stream read (CDK's grant for the consumer). */
const STREAM = [
  "dynamodb:DescribeStream",
  "dynamodb:GetRecords",
  "dynamodb:GetShardIterator",
  "dynamodb:ListStreams",
];
const PUBLISH = ["events:PutEvents"];
const KEYRING = ["kms:Decrypt", "kms:GenerateDataKey"];
const MAIL = ["ses:SendEmail"];
/** The public origin's parameter (the test synth has no custom domain). */
const SETTINGS = ["ssm:GetParameter"];
/** Lambda's asynchronous dead-letter queue. */
const DEAD_LETTERS = ["sqs:SendMessage"];
/** The stream mapping's on-failure queue. */
const ON_FAILURE = ["sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:SendMessage"];

const EXPECTED: Record<string, string[]> = {
  // Everything admins and members do, their own data's removal included.
  "packages/functions/src/http/api.handler": [
    ...MANAGE,
    ...PUBLISH,
    ...KEYRING,
    ...MAIL,
    ...SETTINGS,
  ],
  // Sign-in forms, invitations, SCIM, conversions; its origin secret from Secrets Manager.
  "packages/functions/src/http/front-door/handler.handler": [
    ...MANAGE,
    ...PUBLISH,
    ...KEYRING,
    ...MAIL,
    ...SETTINGS,
    "secretsmanager:DescribeSecret",
    "secretsmanager:GetSecretValue",
  ],
  // Public: reads links, writes a day's salt, a sealed key or a kept click; deletes nothing;
  // builds no link to the site, so reads no SSM parameter.
  "packages/functions/src/http/redirect/handler.handler": [...WRITE, ...PUBLISH, ...KEYRING],
  "packages/functions/src/events/ingest.handler": [...WRITE, ...SETTINGS, ...DEAD_LETTERS],
  "packages/functions/src/events/invitation-mail.handler": [
    ...MANAGE,
    ...KEYRING,
    ...MAIL,
    ...SETTINGS,
    ...DEAD_LETTERS,
  ],
  "packages/functions/src/events/weekly-mail.handler": [
    ...WRITE,
    ...KEYRING,
    ...MAIL,
    ...SETTINGS,
    ...DEAD_LETTERS,
  ],
  "packages/functions/src/events/mail-events.handler": [...WRITE, ...SETTINGS, ...DEAD_LETTERS],
  "packages/functions/src/events/member-left.handler": [...WRITE, ...SETTINGS, ...DEAD_LETTERS],
  "packages/functions/src/streams/tally.handler": [...WRITE, ...STREAM, ...SETTINGS, ...ON_FAILURE],
  // Calls customers' URLs: signs with their secrets, records deliveries, nothing more.
  "packages/functions/src/streams/webhooks.handler": [
    ...WRITE,
    ...STREAM,
    ...KEYRING,
    ...SETTINGS,
    ...ON_FAILURE,
  ],
  "packages/functions/src/jobs/tick.handler": [...MANAGE, ...PUBLISH, ...SETTINGS, ...DEAD_LETTERS],
  "packages/functions/src/jobs/unit.handler": [
    ...MANAGE,
    ...PUBLISH,
    ...KEYRING,
    ...SETTINGS,
    ...DEAD_LETTERS,
  ],
};

let app: SynthesizedApp;
beforeAll(async () => {
  app = await synthesizeApp();
}, SYNTH_TIMEOUT);

const actionsOf = (statements: Properties[]) =>
  [...new Set(statements.flatMap((statement) => [statement.Action].flat().map(String)))].sort();

describe("what each function may do", () => {
  test("every function holds exactly the actions written down for it", () => {
    const granted = Object.fromEntries(
      handlerFunctions(app).map(({ stack, fn, handler }) => [
        handler,
        actionsOf(roleStatements(stack, fn)),
      ]),
    );
    const expected = Object.fromEntries(
      Object.entries(EXPECTED).map(([handler, actions]) => [handler, [...new Set(actions)].sort()]),
    );
    expect(granted).toEqual(expected);
  });

  test("no function may scan, batch-write, describe or change the table, or use a wildcard", () => {
    for (const { stack, fn, handler } of handlerFunctions(app)) {
      const actions = actionsOf(roleStatements(stack, fn));
      for (const forbidden of [
        "dynamodb:Scan",
        "dynamodb:BatchWriteItem",
        "dynamodb:DescribeTable",
        "dynamodb:DeleteTable",
        "dynamodb:UpdateTable",
      ]) {
        expect(actions, handler).not.toContain(forbidden);
      }
      expect(
        actions.filter((action) => action.includes("*")),
        handler,
      ).toEqual([]);
    }
  });

  test("table actions name only the table and its indexes; PutEvents only Sprida's bus", () => {
    const { Storage, Bus } = app.stacks;
    const [tableId] = single(Storage, "AWS::DynamoDB::Table");
    const [busId] = single(Bus, "AWS::Events::EventBus");
    for (const { stack, fn, handler } of handlerFunctions(app)) {
      const statements = roleStatements(stack, fn);
      const table = statements.filter((s) => [s.Action].flat().includes("dynamodb:GetItem"));
      expect(table, handler).toHaveLength(1);
      const [tableArn, indexes] = [table[0]?.Resource].flat();
      expect(refersTo(tableArn, Storage, tableId, "Arn"), handler).toBe(true);
      expect(at(indexes, "Fn::Join", 1, 1), handler).toBe("/index/*");
      expect(refersTo(at(indexes, "Fn::Join", 1, 0), Storage, tableId, "Arn"), handler).toBe(true);
      for (const statement of statements.filter((s) => s.Action === "events:PutEvents")) {
        expect(refersTo(statement.Resource, Bus, busId, "Arn"), handler).toBe(true);
      }
    }
  });
});

describe("reserved concurrency", () => {
  test("the redirect, the ingest and the weekly sender reserve theirs; the API shares the rest", () => {
    const reserved = Object.fromEntries(
      handlerFunctions(app)
        .filter(({ fn }) => fn.ReservedConcurrentExecutions !== undefined)
        .map(({ fn, handler }) => [handler, fn.ReservedConcurrentExecutions]),
    );
    expect(reserved).toEqual({
      "packages/functions/src/http/redirect/handler.handler": 100,
      "packages/functions/src/events/ingest.handler": 20,
      "packages/functions/src/events/weekly-mail.handler": 1,
    });
  });
});
