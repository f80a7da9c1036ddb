import type { EventPattern } from "@sprida/core/event";
import { describe, expect, it } from "vitest";
import { matchesPattern, validatePattern } from "./event-pattern";

// Every case reproduces an example or a stated rule of the AWS page named in its title.
const EB = "https://docs.aws.amazon.com/eventbridge/latest/userguide";
const PATTERNS = `${EB}/eb-event-patterns.html`;
const CREATE = `${EB}/eb-create-pattern.html`;
const OPERATORS = `${EB}/eb-create-pattern-operators.html`;
const FILTERING = `${EB}/eb-event-patterns-content-based-filtering.html`;
const ARRAYS = `${EB}/eb-event-patterns-arrays.html`;
const NULLS = `${EB}/eb-event-patterns-null-values.html`;
const LAMBDA = "https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html";
const NOTIFICATIONS =
  "https://docs.aws.amazon.com/notifications/latest/userguide/common-usecases.html";
const WILDCARD_BLOG =
  "https://aws.amazon.com/blogs/compute/filtering-events-in-amazon-eventbridge-with-wildcard-pattern-matching/";
// The engine behind EventBridge, by AWS; its README documents what the user guide leaves implicit.
const RULER = "https://github.com/aws/event-ruler#readme";

interface Case {
  name: string;
  source: string;
  pattern: EventPattern;
  event: unknown;
  expected: boolean;
}

const ec2Event = {
  version: "0",
  id: "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
  "detail-type": "EC2 Instance State-change Notification",
  source: "aws.ec2",
  account: "111122223333",
  time: "2017-12-22T18:43:48Z",
  region: "us-west-1",
  resources: ["arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0"],
  detail: { "instance-id": "i-1234567890abcdef0", state: "terminated" },
};
const ec2Pattern = {
  source: ["aws.ec2"],
  "detail-type": ["EC2 Instance State-change Notification"],
  detail: { state: ["terminated"] },
};
const withDetail = (detail: Record<string, unknown>) => ({ ...ec2Event, detail });

const autoscalingEvent = {
  ...ec2Event,
  "detail-type": "EC2 Instance Launch Successful",
  source: "aws.autoscaling",
  resources: [],
  detail: { eventVersion: "", responseElements: null },
};

const macieEvent = {
  source: "aws.macie",
  "detail-type": "Macie Alert",
  detail: {
    "notification-type": "ALERT_CREATED",
    tags: ["Custom_Alert", "Insider"],
    "risk-score": 80,
    trigger: { "alert-type": "basic", risk: 8 },
  },
};

const employees = {
  detail: {
    employees: [
      { firstName: "John", lastName: "Doe" },
      { firstName: "Anna", lastName: "Smith" },
    ],
  },
};

// The event from the content-filtering examples (as given in the event-ruler README).
const rulerEvent = {
  ...ec2Event,
  time: "2017-10-02T16:24:49Z",
  detail: {
    "c-count": 5,
    "d-count": 3,
    "x-limit": 301.8,
    "source-ip": "10.0.0.33",
    "instance-id": "i-000000aaaaaa00000",
    state: "running",
  },
};
const complexPattern = {
  time: [{ prefix: "2017-10-02" }],
  detail: {
    state: [{ "anything-but": "initializing" }],
    "c-count": [{ numeric: [">", 0, "<=", 5] }],
    "d-count": [{ numeric: ["<", 10] }],
    "x-limit": [{ "anything-but": [100, 200, 300] }],
  },
};

const dynamodbRecord = {
  eventName: "INSERT",
  dynamodb: {
    Keys: { Id: { N: "101" } },
    NewImage: { Message: { S: "New item!" }, Id: { N: "101" } },
    SequenceNumber: "111",
    SizeBytes: 26,
    StreamViewType: "NEW_AND_OLD_IMAGES",
  },
};

const structure: Case[] = [
  {
    name: "matches the EC2 termination event, ignoring fields absent from the pattern",
    source: PATTERNS,
    pattern: ec2Pattern,
    event: ec2Event,
    expected: true,
  },
  {
    name: "needs every field of the pattern to match (AND)",
    source: PATTERNS,
    pattern: ec2Pattern,
    event: withDetail({ state: "running" }),
    expected: false,
  },
  {
    name: "a leaf array matches any of its values (OR)",
    source: `${CREATE}#eb-filtering-match-values`,
    pattern: { source: ["aws.ec2", "aws.fargate"] },
    event: { ...ec2Event, source: "aws.fargate" },
    expected: true,
  },
  {
    name: "a leaf array does not match a value outside it",
    source: `${CREATE}#eb-filtering-match-values`,
    pattern: { source: ["aws.ec2", "aws.fargate"] },
    event: { ...ec2Event, source: "aws.s3" },
    expected: false,
  },
  {
    name: "the event must contain every field named in the pattern",
    source: CREATE,
    pattern: { source: ["aws.ec2"], "detail-type": ["EC2 Instance State-change Notification"] },
    event: { source: "aws.ec2" },
    expected: false,
  },
  {
    name: "the fields must appear with the same nesting structure",
    source: CREATE,
    pattern: { detail: { state: ["terminated"] } },
    event: { state: "terminated" },
    expected: false,
  },
  {
    name: "strings match character by character, without case-folding",
    source: PATTERNS,
    pattern: { detail: { state: ["Terminated"] } },
    event: ec2Event,
    expected: false,
  },
  {
    name: "value matching: numbers, nested objects (Macie risk-score 80 and trigger risk 8)",
    source: `${PATTERNS}#eb-filtering-value-example`,
    pattern: {
      source: ["aws.macie"],
      "detail-type": ["Macie Alert"],
      detail: { "risk-score": [80], trigger: { risk: [8] } },
    },
    event: macieEvent,
    expected: true,
  },
  {
    name: "a JSON number does not equal a string of the same digits",
    source: PATTERNS,
    pattern: { detail: { "risk-score": ["80"] } },
    event: macieEvent,
    expected: false,
  },
  {
    name: "matches the keyword true",
    source: PATTERNS,
    pattern: { detail: { enabled: [true] } },
    event: { detail: { enabled: true } },
    expected: true,
  },
  {
    name: "the keyword true does not match the string 'true'",
    source: PATTERNS,
    pattern: { detail: { enabled: [true] } },
    event: { detail: { enabled: "true" } },
    expected: false,
  },
];

const nullsAndEmpty: Case[] = [
  {
    name: "field matching on a null responseElements",
    source: `${PATTERNS}#eb-filtering-example`,
    pattern: {
      source: ["aws.autoscaling"],
      "detail-type": ["EC2 Instance Launch Successful"],
      detail: { responseElements: [null] },
    },
    event: autoscalingEvent,
    expected: true,
  },
  {
    name: '[""] matches an empty string',
    source: NULLS,
    pattern: { detail: { eventVersion: [""] } },
    event: autoscalingEvent,
    expected: true,
  },
  {
    name: "[null] matches a null value",
    source: NULLS,
    pattern: { detail: { responseElements: [null] } },
    event: autoscalingEvent,
    expected: true,
  },
  {
    name: '[""] does not match null (not interchangeable)',
    source: NULLS,
    pattern: { detail: { responseElements: [""] } },
    event: autoscalingEvent,
    expected: false,
  },
  {
    name: "[null] does not match an empty string (not interchangeable)",
    source: NULLS,
    pattern: { detail: { eventVersion: [null] } },
    event: autoscalingEvent,
    expected: false,
  },
  {
    name: "[null] does not match a missing field (the field must be present)",
    source: `${NULLS} and ${CREATE}`,
    pattern: { detail: { responseElements: [null] } },
    event: withDetail({ eventVersion: "" }),
    expected: false,
  },
  {
    name: "Null: UserID is null",
    source: `${LAMBDA}#filtering-syntax`,
    pattern: { UserID: [null] },
    event: { UserID: null },
    expected: true,
  },
  {
    name: "Empty: LastName is empty",
    source: `${LAMBDA}#filtering-syntax`,
    pattern: { LastName: [""] },
    event: { LastName: "" },
    expected: true,
  },
];

const arrays: Case[] = [
  {
    name: "an event array matches when it intersects the pattern array",
    source: ARRAYS,
    pattern: {
      resources: [
        "arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f",
        "arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f",
        "arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f",
      ],
    },
    event: {
      resources: [
        "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b-bbf0-401d-b893-d5978ed4a025:autoScalingGroupName/ASGTerminate",
        "arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f",
      ],
    },
    expected: true,
  },
  {
    name: "an event array does not match when the intersection is empty",
    source: ARRAYS,
    pattern: { resources: ["arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f"] },
    event: ec2Event,
    expected: false,
  },
  {
    name: "an array of objects matches when one element matches (Macie tags too)",
    source: `${ARRAYS} and ${RULER}`,
    pattern: { detail: { employees: { firstName: ["Anna"] }, tags: ["Insider"] } },
    event: { detail: { ...employees.detail, tags: macieEvent.detail.tags } },
    expected: true,
  },
  {
    name: "an array of objects: fields are matched within one element, not across elements",
    source: `${ARRAYS} and ${RULER}`,
    pattern: { detail: { employees: { firstName: ["Anna"], lastName: ["Doe"] } } },
    event: employees,
    expected: false,
  },
  {
    name: "an array of objects: two fields of the same element match",
    source: `${ARRAYS} and ${RULER}`,
    pattern: { detail: { employees: { firstName: ["Anna"], lastName: ["Smith"] } } },
    event: employees,
    expected: true,
  },
];

const stringOperators: Case[] = [
  {
    name: "prefix matches the start of a string",
    source: `${FILTERING}#eb-filtering-prefix-matching`,
    pattern: { time: [{ prefix: "2017-10-02" }] },
    event: { time: "2017-10-02T18:43:48Z" },
    expected: true,
  },
  {
    name: "prefix does not match another string",
    source: `${FILTERING}#eb-filtering-prefix-matching`,
    pattern: { time: [{ prefix: "2017-10-02" }] },
    event: { time: "2017-12-22T18:43:48Z" },
    expected: false,
  },
  {
    name: "prefix only matches string values",
    source: `${FILTERING}#eb-filtering-prefix-matching`,
    pattern: { detail: { count: [{ prefix: "12" }] } },
    event: { detail: { count: 123 } },
    expected: false,
  },
  {
    name: "prefix with equals-ignore-case ignores the case of the start",
    source: `${OPERATORS}#eb-filtering-prefix-matching`,
    pattern: { detail: { service: [{ prefix: { "equals-ignore-case": "EventB" } }] } },
    event: { detail: { service: "EVENTBRIDGE" } },
    expected: true,
  },
  {
    name: "prefix with equals-ignore-case still needs the prefix",
    source: `${OPERATORS}#eb-filtering-prefix-matching`,
    pattern: { detail: { service: [{ prefix: { "equals-ignore-case": "EventB" } }] } },
    event: { detail: { service: "EventSource" } },
    expected: false,
  },
  {
    name: "suffix matches the end of a string",
    source: `${OPERATORS}#eb-filtering-suffix-matching`,
    pattern: { FileName: [{ suffix: ".png" }] },
    event: { FileName: "photo.png" },
    expected: true,
  },
  {
    name: "suffix is case-sensitive",
    source: `${OPERATORS}#eb-filtering-suffix-matching`,
    pattern: { FileName: [{ suffix: ".png" }] },
    event: { FileName: "photo.PNG" },
    expected: false,
  },
  {
    name: "suffix with equals-ignore-case (ends with tBridge in any case)",
    source: OPERATORS,
    pattern: { service: [{ suffix: { "equals-ignore-case": "tBridge" } }] },
    event: { service: "EVENTBRIDGE" },
    expected: true,
  },
  {
    name: "equals-ignore-case: Name is Alice in any case",
    source: OPERATORS,
    pattern: { Name: [{ "equals-ignore-case": "alice" }] },
    event: { Name: "ALICE" },
    expected: true,
  },
  {
    name: "equals-ignore-case compares the whole string",
    source: OPERATORS,
    pattern: { Name: [{ "equals-ignore-case": "alice" }] },
    event: { Name: "Alicia" },
    expected: false,
  },
];

const anythingBut: Case[] = [
  {
    name: "anything-but a string matches another string",
    source: `${FILTERING}#eb-filtering-anything-but`,
    pattern: { detail: { state: [{ "anything-but": "initializing" }] } },
    event: { detail: { state: "running" } },
    expected: true,
  },
  {
    name: "anything-but a string does not match that string",
    source: `${FILTERING}#eb-filtering-anything-but`,
    pattern: { detail: { state: [{ "anything-but": "initializing" }] } },
    event: { detail: { state: "initializing" } },
    expected: false,
  },
  {
    name: "anything-but does not match a missing field",
    source: `${FILTERING}#eb-filtering-anything-but and ${CREATE}`,
    pattern: { detail: { state: [{ "anything-but": "initializing" }] } },
    event: { detail: { "instance-id": "i-abcd1111" } },
    expected: false,
  },
  {
    name: "anything-but a number matches another number",
    source: `${FILTERING}#eb-filtering-anything-but`,
    pattern: { detail: { "x-limit": [{ "anything-but": 123 }] } },
    event: { detail: { "x-limit": 456 } },
    expected: true,
  },
  {
    name: "anything-but a number does not match that number",
    source: `${FILTERING}#eb-filtering-anything-but`,
    pattern: { detail: { "x-limit": [{ "anything-but": 123 }] } },
    event: { detail: { "x-limit": 123 } },
    expected: false,
  },
  {
    name: "anything-but a list of strings excludes each of them",
    source: `${FILTERING}#eb-filtering-anything-but`,
    pattern: { detail: { state: [{ "anything-but": ["stopped", "overloaded"] }] } },
    event: { detail: { state: "overloaded" } },
    expected: false,
  },
  {
    name: "anything-but a list of strings matches a string outside it",
    source: `${FILTERING}#eb-filtering-anything-but`,
    pattern: { detail: { state: [{ "anything-but": ["stopped", "overloaded"] }] } },
    event: { detail: { state: "running" } },
    expected: true,
  },
  {
    name: "anything-but a list of numbers excludes each of them",
    source: `${FILTERING}#eb-filtering-anything-but`,
    pattern: { detail: { "x-limit": [{ "anything-but": [100, 200, 300] }] } },
    event: { detail: { "x-limit": 200 } },
    expected: false,
  },
  {
    name: "anything-but a list of numbers matches a number outside it",
    source: `${FILTERING}#eb-filtering-anything-but`,
    pattern: { detail: { "x-limit": [{ "anything-but": [100, 200, 300] }] } },
    event: { detail: { "x-limit": 150 } },
    expected: true,
  },
  {
    name: "anything-but prefix excludes strings with that prefix",
    source: `${FILTERING}#eb-filtering-anything-but`,
    pattern: { detail: { state: [{ "anything-but": { prefix: "init" } }] } },
    event: { detail: { state: "initializing" } },
    expected: false,
  },
  {
    name: "anything-but prefix matches strings without that prefix",
    source: `${FILTERING}#eb-filtering-anything-but`,
    pattern: { detail: { state: [{ "anything-but": { prefix: "init" } }] } },
    event: { detail: { state: "running" } },
    expected: true,
  },
  {
    name: "anything-but suffix: FileName does not end with .png",
    source: `${OPERATORS}#eb-filtering-anything-but-suffix`,
    pattern: { FileName: [{ "anything-but": { suffix: ".png" } }] },
    event: { FileName: "photo.png" },
    expected: false,
  },
  {
    name: "anything-but suffix matches another extension",
    source: `${OPERATORS}#eb-filtering-anything-but-suffix`,
    pattern: { FileName: [{ "anything-but": { suffix: ".png" } }] },
    event: { FileName: "notes.txt" },
    expected: true,
  },
  {
    name: "anything-but equals-ignore-case excludes any casing of the value",
    source: `${OPERATORS}#eb-filtering-anything-but-ignore-case`,
    pattern: { state: [{ "anything-but": { "equals-ignore-case": "initializing" } }] },
    event: { state: "INITIALIZING" },
    expected: false,
  },
  {
    name: "anything-but equals-ignore-case matches other values",
    source: `${OPERATORS}#eb-filtering-anything-but-ignore-case`,
    pattern: { state: [{ "anything-but": { "equals-ignore-case": "initializing" } }] },
    event: { state: "running" },
    expected: true,
  },
  {
    name: "anything-but wildcard: FilePath does not include /lib/",
    source: `${OPERATORS}#eb-filtering-anything-but-wildcard`,
    pattern: { FilePath: [{ "anything-but": { wildcard: "*/lib/*" } }] },
    event: { FilePath: "/usr/lib/libc.so" },
    expected: false,
  },
  {
    name: "anything-but wildcard matches a path without /lib/",
    source: `${OPERATORS}#eb-filtering-anything-but-wildcard`,
    pattern: { FilePath: [{ "anything-but": { wildcard: "*/lib/*" } }] },
    event: { FilePath: "/usr/bin/env" },
    expected: true,
  },
  {
    name: "Not: Weather is anything but Raining",
    source: `${LAMBDA}#filtering-syntax`,
    pattern: { Weather: [{ "anything-but": ["Raining"] }] },
    event: { Weather: "Raining" },
    expected: false,
  },
];

const numeric: Case[] = [
  ...[
    { value: 5, expected: true },
    { value: 0, expected: false },
    { value: 6, expected: false },
  ].map(({ value, expected }) => ({
    name: `numeric [">", 0, "<=", 5] on ${value}`,
    source: `${FILTERING}#filtering-numeric-matching`,
    pattern: { detail: { "c-count": [{ numeric: [">", 0, "<=", 5] }] } },
    event: { detail: { "c-count": value } },
    expected,
  })),
  {
    name: 'numeric ["<", 10] and ["=", 3.018e2] on 3 and 301.8',
    source: `${FILTERING}#filtering-numeric-matching`,
    pattern: {
      detail: { "d-count": [{ numeric: ["<", 10] }], "x-limit": [{ numeric: ["=", 3.018e2] }] },
    },
    event: { detail: { "d-count": 3, "x-limit": 301.8 } },
    expected: true,
  },
  {
    name: 'numeric only matches JSON numbers, not the string "3"',
    source: `${FILTERING}#filtering-numeric-matching`,
    pattern: { detail: { "c-count": [{ numeric: [">", 0, "<=", 5] }] } },
    event: { detail: { "c-count": "3" } },
    expected: false,
  },
  {
    name: 'numeric compares values: ["=", 3] matches 3.0',
    source: `${FILTERING}#filtering-numeric-matching`,
    pattern: { x: [{ numeric: ["=", 3] }] },
    event: JSON.parse('{"x": 3.0}'),
    expected: true,
  },
  {
    name: "Numeric (equals): Price is 100",
    source: `${LAMBDA}#filtering-syntax`,
    pattern: { Price: [{ numeric: ["=", 100] }] },
    event: { Price: 100 },
    expected: true,
  },
  {
    name: "Numeric (range): Temperature > 50 and <= 60 on 55",
    source: `${LAMBDA}#filtering-examples`,
    pattern: { data: { Temperature: [{ numeric: [">", 50, "<=", 60] }] } },
    event: { data: { Temperature: 55 } },
    expected: true,
  },
  {
    name: "Numeric (range): the lower bound of > is exclusive",
    source: `${LAMBDA}#filtering-examples`,
    pattern: { data: { Temperature: [{ numeric: [">", 50, "<=", 60] }] } },
    event: { data: { Temperature: 50 } },
    expected: false,
  },
  {
    name: "complex example combining prefix, anything-but and numeric",
    source: `${FILTERING}#eb-filtering-complex-example`,
    pattern: complexPattern,
    event: rulerEvent,
    expected: true,
  },
  {
    name: "complex example fails when one of its conditions fails",
    source: `${FILTERING}#eb-filtering-complex-example`,
    pattern: complexPattern,
    event: { ...rulerEvent, detail: { ...rulerEvent.detail, "x-limit": 200 } },
    expected: false,
  },
];

const cidr: Case[] = [
  ...[
    { ip: "10.0.0.123", expected: true },
    { ip: "10.0.1.1", expected: false },
    { ip: "2001:db8::1", expected: false },
  ].map(({ ip, expected }) => ({
    name: `cidr 10.0.0.0/24 on ${ip}`,
    source: `${FILTERING}#eb-filtering-ip-matching`,
    pattern: { detail: { sourceIPAddress: [{ cidr: "10.0.0.0/24" }] } },
    event: { detail: { sourceIPAddress: ip } },
    expected,
  })),
  ...[
    { ip: "2001:db8::ff00:42:8329", expected: true },
    { ip: "2001:db9::1", expected: false },
  ].map(({ ip, expected }) => ({
    name: `cidr IPv6 2001:db8::/32 on ${ip}`,
    source: `${FILTERING}#eb-filtering-ip-matching`,
    pattern: { detail: { sourceIPAddress: [{ cidr: "2001:db8::/32" }] } },
    event: { detail: { sourceIPAddress: ip } },
    expected,
  })),
];

const exists: Case[] = [
  {
    name: "exists true matches a present field",
    source: `${FILTERING}#eb-filtering-exists-matching`,
    pattern: { detail: { state: [{ exists: true }] } },
    event: withDetail({ "instance-id": "i-abcd1111", state: "pending" }),
    expected: true,
  },
  {
    name: "exists true does not match a missing field",
    source: `${FILTERING}#eb-filtering-exists-matching`,
    pattern: { detail: { state: [{ exists: true }] } },
    event: withDetail({ "c-count": { c1: 100 } }),
    expected: false,
  },
  {
    name: "exists false matches a missing field",
    source: `${FILTERING}#eb-filtering-exists-matching`,
    pattern: { detail: { "c-count": [{ exists: false }] } },
    event: withDetail({ state: ["initializing", "running"] }),
    expected: true,
  },
  {
    name: "exists false matches a field holding an object (exists works on leaf nodes only)",
    source: `${FILTERING}#eb-filtering-exists-matching`,
    pattern: { detail: { "c-count": [{ exists: false }] } },
    event: withDetail({ state: ["initializing", "running"], "c-count": { c1: 100 } }),
    expected: true,
  },
  {
    name: "exists false does not match a present leaf",
    source: `${FILTERING}#eb-filtering-exists-matching`,
    pattern: { detail: { "c-count": [{ exists: false }] } },
    event: withDetail({ "c-count": 5 }),
    expected: false,
  },
  {
    // A null value is present in the event's JSON, and exists tests presence, not the value.
    name: "exists true matches a field whose value is null",
    source: `${LAMBDA}#filtering-syntax and ${FILTERING}#eb-filtering-exists-matching`,
    pattern: { ProductName: [{ exists: true }] },
    event: { ProductName: null },
    expected: true,
  },
];

const wildcard: Case[] = [
  ...[
    { file: "dir/image.png", expected: true },
    { file: "dir/image.jpg", expected: false },
    { file: "other/image.png", expected: false },
  ].map(({ file, expected }) => ({
    name: `wildcard dir/*.png on ${file}`,
    source: `${OPERATORS}#eb-filtering-wildcard-matching`,
    pattern: { FileName: [{ wildcard: "dir/*.png" }] },
    event: { FileName: file },
    expected,
  })),
  {
    name: "wildcard * also matches zero characters",
    source: WILDCARD_BLOG,
    pattern: { FileName: [{ wildcard: "*.png" }] },
    event: { FileName: ".png" },
    expected: true,
  },
  {
    name: "several wildcards: *Title* matches Title in the middle",
    source: WILDCARD_BLOG,
    pattern: { detail: { title: [{ wildcard: "*Title*" }] } },
    event: { detail: { title: "The Title of it" } },
    expected: true,
  },
  {
    name: "an escaped \\* matches a literal asterisk",
    source: `${FILTERING}#eb-filtering-wildcard-matching`,
    pattern: { FileName: [{ wildcard: "dir/\\*.png" }] },
    event: { FileName: "dir/*.png" },
    expected: true,
  },
  {
    name: "an escaped \\* is not a wildcard",
    source: `${FILTERING}#eb-filtering-wildcard-matching`,
    pattern: { FileName: [{ wildcard: "dir/\\*.png" }] },
    event: { FileName: "dir/image.png" },
    expected: false,
  },
  {
    name: "an escaped \\\\ matches a literal backslash",
    source: `${FILTERING}#eb-filtering-wildcard-matching`,
    pattern: { path: [{ wildcard: "C:\\\\*" }] },
    event: { path: "C:\\Windows" },
    expected: true,
  },
  {
    name: "wildcard only matches string values",
    source: `${OPERATORS}#eb-filtering-wildcard-matching`,
    pattern: { count: [{ wildcard: "1*" }] },
    event: { count: 12 },
    expected: false,
  },
];

const or: Case[] = [
  {
    name: "top-level $or: Location is New York, or Day is Monday",
    source: OPERATORS,
    pattern: { $or: [{ Location: ["New York"] }, { Day: ["Monday"] }] },
    event: { Location: "Boston", Day: "Monday" },
    expected: true,
  },
  {
    name: "top-level $or fails when no branch matches",
    source: OPERATORS,
    pattern: { $or: [{ Location: ["New York"] }, { Day: ["Monday"] }] },
    event: { Location: "Boston", Day: "Tuesday" },
    expected: false,
  },
  {
    name: "$or combined with a field: source AND (metricName OR namespace)",
    source: `${OPERATORS} and ${RULER}`,
    pattern: {
      source: ["aws.cloudwatch"],
      $or: [
        { metricName: ["CPUUtilization", "ReadLatency"] },
        { namespace: ["AWS/EC2", "AWS/ES"] },
      ],
    },
    event: { source: "aws.cloudwatch", metricName: "DiskUsage", namespace: "AWS/ES" },
    expected: true,
  },
  {
    name: "$or combined with a field still needs that field",
    source: `${OPERATORS} and ${RULER}`,
    pattern: {
      source: ["aws.cloudwatch"],
      $or: [
        { metricName: ["CPUUtilization", "ReadLatency"] },
        { namespace: ["AWS/EC2", "AWS/ES"] },
      ],
    },
    event: { source: "aws.ec2", metricName: "CPUUtilization" },
    expected: false,
  },
  {
    name: "$or nested in detail: state running or terminated",
    source: NOTIFICATIONS,
    pattern: { detail: { $or: [{ state: ["running"] }, { state: ["terminated"] }] } },
    event: ec2Event,
    expected: true,
  },
  {
    name: "$or nested in detail fails for another state",
    source: NOTIFICATIONS,
    pattern: { detail: { $or: [{ state: ["running"] }, { state: ["terminated"] }] } },
    event: withDetail({ state: "stopped" }),
    expected: false,
  },
];

const lambda: Case[] = [
  {
    name: "Kinesis: partitionKey (metadata) and data.Location (data)",
    source: `${LAMBDA}#filtering-examples`,
    pattern: { partitionKey: ["1"], data: { Location: ["Los Angeles"] } },
    event: { partitionKey: "1", data: { Location: "Los Angeles", Temperature: 70 } },
    expected: true,
  },
  {
    name: "DynamoDB multi-level: dynamodb.Keys.Id.N is 101",
    source: `${LAMBDA}#multi-level-filtering`,
    pattern: { dynamodb: { Keys: { Id: { N: ["101"] } } } },
    event: dynamodbRecord,
    expected: true,
  },
  {
    name: "DynamoDB multi-level: another key does not match",
    source: `${LAMBDA}#multi-level-filtering`,
    pattern: { dynamodb: { Keys: { Id: { N: ["102"] } } } },
    event: dynamodbRecord,
    expected: false,
  },
  {
    name: "console filter { a: [1, 2] } matches a = 2",
    source: `${LAMBDA}#filtering-console`,
    pattern: { a: [1, 2] },
    event: { a: 2 },
    expected: true,
  },
  {
    name: "console filter { a: [1, 2] } does not match a = 3",
    source: `${LAMBDA}#filtering-console`,
    pattern: { a: [1, 2] },
    event: { a: 3 },
    expected: false,
  },
];

describe("matchesPattern", () => {
  it.each([
    ...structure,
    ...nullsAndEmpty,
    ...arrays,
    ...stringOperators,
    ...anythingBut,
    ...numeric,
    ...cidr,
    ...exists,
    ...wildcard,
    ...or,
    ...lambda,
  ])("$name ($source)", ({ pattern, event, expected }) => {
    expect(() => validatePattern(pattern)).not.toThrow();
    expect(matchesPattern(pattern, event)).toBe(expected);
  });

  it(`treats a non-object event as having no fields (${CREATE})`, () => {
    expect(matchesPattern({ source: ["aws.ec2"] }, "aws.ec2")).toBe(false);
    expect(matchesPattern({ source: [{ exists: false }] }, null)).toBe(true);
  });
});

interface InvalidCase {
  name: string;
  source: string;
  pattern: unknown;
  message: RegExp;
}

const invalid: InvalidCase[] = [
  {
    name: "a value that is not in an array",
    source: `${CREATE}#eb-filtering-match-values`,
    pattern: { detail: { state: "terminated" } },
    message: /"detail\.state"/,
  },
  {
    name: "an empty array of values",
    source: `${ARRAYS}`,
    pattern: { source: [] },
    message: /"source"/,
  },
  {
    name: "a pattern that is not an object",
    source: PATTERNS,
    pattern: [{ source: ["aws.ec2"] }],
    message: /expected an object/,
  },
  {
    name: "an unknown operator",
    source: OPERATORS,
    pattern: { detail: { state: [{ contains: "init" }] } },
    message: /"detail\.state\[0\]".*"contains"/,
  },
  {
    name: "an operator object with two keys",
    source: OPERATORS,
    pattern: { FileName: [{ prefix: "dir/", suffix: ".png" }] },
    message: /"FileName\[0\]"/,
  },
  {
    name: "a numeric bound that is a string",
    source: `${FILTERING}#filtering-numeric-matching`,
    pattern: { detail: { "c-count": [{ numeric: [">", "0"] }] } },
    message: /"detail\.c-count\[0\]\.numeric\[1\]"/,
  },
  {
    name: "an unknown numeric operator",
    source: `${FILTERING}#filtering-numeric-matching`,
    pattern: { x: [{ numeric: ["!=", 1] }] },
    message: /"x\[0\]\.numeric\[0\]"/,
  },
  {
    name: "a numeric range whose bottom is not below its top",
    source: `${FILTERING}#filtering-numeric-matching`,
    pattern: { x: [{ numeric: [">", 5, "<=", 1] }] },
    message: /"x\[0\]\.numeric"/,
  },
  {
    name: "a numeric range written upper bound first",
    source: `${FILTERING}#filtering-numeric-matching`,
    pattern: { x: [{ numeric: ["<", 5, ">", 0] }] },
    message: /"x\[0\]\.numeric"/,
  },
  ...["10.0.0.0/33", "10.0.0/24", "10.0.0.0", "2001:db8::/129", 10].map((operand) => ({
    name: `a bad CIDR ${JSON.stringify(operand)}`,
    source: `${FILTERING}#eb-filtering-ip-matching`,
    pattern: { detail: { sourceIPAddress: [{ cidr: operand }] } },
    message: /"detail\.sourceIPAddress\[0\]\.cidr"/,
  })),
  {
    name: "exists with a non-boolean",
    source: `${FILTERING}#eb-filtering-exists-matching`,
    pattern: { detail: { state: [{ exists: "true" }] } },
    message: /"detail\.state\[0\]\.exists"/,
  },
  {
    name: "anything-but with a list mixing strings and numbers",
    source: `${FILTERING}#eb-filtering-anything-but`,
    pattern: { detail: { state: [{ "anything-but": ["stopped", 100] }] } },
    message: /"detail\.state\[0\]\.anything-but"/,
  },
  {
    name: "anything-but with an unsupported nested operator",
    source: OPERATORS,
    pattern: { x: [{ "anything-but": { numeric: [">", 1] } }] },
    message: /"x\[0\]\.anything-but\.numeric"/,
  },
  {
    name: "prefix with a number",
    source: `${FILTERING}#eb-filtering-prefix-matching`,
    pattern: { time: [{ prefix: 2017 }] },
    message: /"time\[0\]\.prefix"/,
  },
  {
    name: "consecutive wildcard characters",
    source: `${OPERATORS}#eb-filtering-wildcard-matching and ${RULER}`,
    pattern: { FileName: [{ wildcard: "dir/**.png" }] },
    message: /"FileName\[0\]\.wildcard".*consecutive/,
  },
  {
    name: "a backslash escaping a character other than * or \\",
    source: `${FILTERING}#eb-filtering-wildcard-matching and ${RULER}`,
    pattern: { FileName: [{ wildcard: "dir\\.png" }] },
    message: /"FileName\[0\]\.wildcard".*escape/,
  },
  {
    name: "$or with a single branch",
    source: `${OPERATORS} and ${RULER}`,
    pattern: { $or: [{ Location: ["New York"] }] },
    message: /"\$or"/,
  },
  {
    name: "an invalid leaf inside a $or branch",
    source: OPERATORS,
    pattern: { detail: { $or: [{ state: ["running"] }, { state: "terminated" }] } },
    message: /"detail\.\$or\[1\]\.state"/,
  },
];

describe("validatePattern", () => {
  it.each(invalid)("rejects $name ($source)", ({ pattern, message }) => {
    expect(() => validatePattern(pattern)).toThrow(message);
  });
});
