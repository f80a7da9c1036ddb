import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity, type EntityItem, Service } from "electrodb";
import { auditEntryEntity } from "../audit";
import { TableDefinition } from "../dynamo";
import { organisationEntity } from "../org";
import { outboxEntityFor } from "../outbox";
import { personEmailEntity, personEntity } from "../person";
import { Runtime } from "../runtime";

interface EntityConfig {
  table: string;
  client: DynamoDBDocumentClient;
}

const primary = { pk: TableDefinition.partitionKey, sk: TableDefinition.sortKey } as const;

/**
 * A person's membership of one organisation, in the organisation's partition (listing an
 * organisation's members is one query). No attribute has a default: leaving replaces the
 * item with a tombstone of only {orgId, memberId, status, leftAt}, and a default would
 * quietly put something back.
 */
function memberEntity(config: EntityConfig) {
  return new Entity(
    {
      model: { entity: "member", version: "1", service: "sprida" },
      attributes: {
        orgId: { type: "string", required: true, readOnly: true },
        memberId: { type: "string", required: true, readOnly: true },
        status: { type: ["invited", "active", "left", "deactivated"] as const, required: true },
        personId: { type: "string" },
        role: { type: ["owner", "admin", "curator", "member"] as const },
        email: { type: "string" },
        displayName: { type: "string" },
        /** Lower-cased e-mail and display name: DynamoDB's `contains` is case-sensitive. */
        searchText: { type: "string" },
        locale: { type: ["sv", "en"] as const },
        segment: {
          type: "map",
          properties: {
            office: { type: "string" },
            unit: { type: "string" },
            competenceArea: { type: "string" },
          },
        },
        channels: {
          type: "list",
          items: {
            type: "map",
            properties: {
              channel: { type: "string", required: true },
              networkSize: { type: "number", required: true },
            },
          },
        },
        privacy: {
          type: "map",
          properties: {
            namedToAdmins: { type: "boolean", required: true },
            weeklyDigest: { type: "boolean", required: true },
          },
        },
        mail: {
          type: "map",
          properties: {
            digestEveryWeeks: { type: "number", required: true },
            digestWithImpact: { type: "boolean", required: true },
            adminReport: { type: "boolean", required: true },
          },
        },
        curatorTopics: { type: "list", items: { type: "string" } },
        mastodonServer: { type: "string" },
        followedTopics: { type: "list", items: { type: "string" } },
        guidelinesAccepted: {
          type: "map",
          properties: {
            version: { type: "number", required: true },
            acceptedAt: { type: "string", required: true },
          },
        },
        holiday: {
          type: "map",
          properties: {
            from: { type: "string", required: true },
            to: { type: "string", required: true },
          },
        },
        invitedAt: { type: "string" },
        invitedBy: { type: "string" },
        /** SHA-256 of the one invitation token that currently works (re-inviting replaces it). */
        inviteTokenHash: { type: "string" },
        inviteExpiresAt: { type: "string" },
        joinedAt: { type: "string" },
        leftAt: { type: "string" },
        deactivatedAt: { type: "string" },
      },
      indexes: {
        byOrg: {
          pk: { field: primary.pk, composite: ["orgId"] },
          sk: { field: primary.sk, composite: ["memberId"] },
        },
      },
    },
    config,
  );
}

/**
 * The link person → membership, in the person's partition. Its conditional create makes a
 * person a member of an organisation at most once, and it answers "a person's memberships"
 * with a strongly consistent query (a GSI would lag: a member who just joined, or was just
 * deactivated, must be seen as such by the very next request). Deleted when the member leaves.
 */
function membershipLinkEntity(config: EntityConfig) {
  return new Entity(
    {
      model: { entity: "membershipLink", version: "1", service: "sprida" },
      attributes: {
        personId: { type: "string", required: true, readOnly: true },
        orgId: { type: "string", required: true, readOnly: true },
        memberId: { type: "string", required: true, readOnly: true },
      },
      indexes: {
        byPerson: {
          pk: { field: primary.pk, composite: ["personId"] },
          sk: { field: primary.sk, composite: ["orgId"] },
        },
      },
    },
    config,
  );
}

/** An invitation token, known only by its hash. */
function inviteTokenEntity(config: EntityConfig) {
  return new Entity(
    {
      model: { entity: "inviteToken", version: "1", service: "sprida" },
      attributes: {
        tokenHash: { type: "string", required: true, readOnly: true },
        orgId: { type: "string", required: true, readOnly: true },
        memberId: { type: "string", required: true, readOnly: true },
        validUntil: { type: "string", required: true, readOnly: true },
        /**
         * The token itself, sealed (packages/core/src/keyring) for the invitation mail, which
         * is sent after the request by the `member.invited` subscriber. Sealed, a copy of the
         * table still cannot be turned into working links.
         */
        sealedToken: { type: "string", readOnly: true },
        usedAt: { type: "string" },
        /** Epoch seconds, well after `validUntil` so "expired" can still be told apart. */
        expiresAt: { type: "number", required: true, readOnly: true },
      },
      indexes: {
        byHash: {
          pk: { field: primary.pk, composite: ["tokenHash"] },
          sk: { field: primary.sk, composite: [] },
        },
      },
    },
    config,
  );
}

/** An organisation's current member totals; `owners` counts ACTIVE owners (never below one). */
function memberTotalsEntity(config: EntityConfig) {
  return new Entity(
    {
      model: { entity: "memberTotals", version: "1", service: "sprida" },
      attributes: {
        orgId: { type: "string", required: true, readOnly: true },
        active: { type: "number" },
        invited: { type: "number" },
        owners: { type: "number" },
      },
      indexes: {
        byOrg: {
          pk: { field: primary.pk, composite: ["orgId"] },
          sk: { field: primary.sk, composite: [] },
        },
      },
    },
    config,
  );
}

/** How the totals moved on one local day of the organisation (days without change have none). */
function memberDayEntity(config: EntityConfig) {
  return new Entity(
    {
      model: { entity: "memberDay", version: "1", service: "sprida" },
      attributes: {
        orgId: { type: "string", required: true, readOnly: true },
        day: { type: "string", required: true, readOnly: true },
        active: { type: "number" },
        invited: { type: "number" },
      },
      indexes: {
        byOrg: {
          pk: { field: primary.pk, composite: ["orgId"] },
          sk: { field: primary.sk, composite: ["day"] },
        },
      },
    },
    config,
  );
}

/**
 * Everything a membership change writes together: the member, its link, its token, the
 * counters, the person (membership count, or deletion with the last), the audit entry, a check on the
 * organisation (the guidelines version being accepted) and the change's event (the outbox).
 */
export const memberService = Runtime.perRuntime((runtime) => {
  const config = { table: runtime.tableName, client: runtime.document };
  const member = memberEntity(config);
  const link = membershipLinkEntity(config);
  const token = inviteTokenEntity(config);
  const totals = memberTotalsEntity(config);
  const day = memberDayEntity(config);
  const person = personEntity(config);
  const personEmail = personEmailEntity(config);
  const audit = auditEntryEntity(config);
  const organisation = organisationEntity(config);
  const outbox = outboxEntityFor(config);
  return {
    member,
    link,
    token,
    totals,
    day,
    service: new Service(
      { member, link, token, totals, day, person, personEmail, audit, organisation, outbox },
      config,
    ),
  };
});

export type MemberService = ReturnType<typeof memberService>;
/** The entities a transaction callback receives. */
export type MemberTransaction = Parameters<
  Parameters<MemberService["service"]["transaction"]["write"]>[0]
>[0];

/** A member item as stored (a tombstone has only orgId, memberId, status and leftAt). */
export type MemberItem = EntityItem<MemberService["member"]>;
