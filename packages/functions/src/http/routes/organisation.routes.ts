import {
  Guidelines,
  notOffered,
  Org,
  Info as Organisation,
  OrganisationPatch,
} from "@sprida/core/org";
import { z } from "zod";
import { session } from "../callers";
import { defineRoute } from "../route";

/**
 * The patch, with its origin checked against the deployment's here at the boundary, so the
 * refusal names the field (the shared schema cannot know the deployment; the command checks
 * again).
 */
const OfferedOrganisationPatch = OrganisationPatch.superRefine((patch, context) => {
  const problem = patch.publicOrigin ? notOffered(patch.publicOrigin) : undefined;
  if (problem) context.addIssue({ code: "custom", path: ["publicOrigin"], message: problem });
});

/** What an admin sees: the settings, with the origin in force and the ones to choose from. */
export const OrganisationView = Organisation.omit({ createdAt: true }).extend({
  /** Where the organisation's links point now. */
  publicOrigin: z.string(),
  /** What `publicOrigin` may be set to (the deployment's https origins); null means the first. */
  publicOriginChoices: z.array(z.string()),
});

/** What every member sees of the organisation. */
const MemberOrganisationView = Organisation.pick({
  orgId: true,
  name: true,
  locale: true,
  timeZone: true,
  guidelines: true,
});

export const OrganisationRoutes = [
  defineRoute({
    method: "get",
    path: "/api/organisation",
    summary: "The current organisation's name, language and social media guidelines",
    tag: "Organisation",
    access: session("member"),
    response: MemberOrganisationView,
    handler: async ({ caller }) => Org.get(caller.orgId),
  }),
  defineRoute({
    method: "get",
    path: "/api/admin/organisation",
    summary: "The organisation's settings",
    tag: "Admin",
    access: session("admin"),
    response: OrganisationView,
    handler: async ({ caller }) => adminView(await Org.get(caller.orgId)),
  }),
  defineRoute({
    method: "patch",
    path: "/api/admin/organisation",
    summary:
      "Change name, language, time zone, public origin (one of the deployment's), own domains, internal networks or settings (only those named; audited with old and new values)",
    tag: "Admin",
    access: session("admin"),
    body: OfferedOrganisationPatch,
    response: OrganisationView,
    handler: async ({ caller: me, body }) => {
      return adminView(await Org.update(me.orgId, body, { actorMemberId: me.memberId }));
    },
  }),
  defineRoute({
    method: "post",
    path: "/api/admin/organisation/guidelines",
    summary:
      "Publish a new version of the social media guidelines (new members accept the current one)",
    tag: "Admin",
    access: session("admin"),
    body: z.strictObject({ text: z.string().min(1).max(20_000) }),
    response: Guidelines,
    status: 201,
    handler: async ({ caller: me, body }) => {
      return Org.publishGuidelines(me.orgId, body.text, { actorMemberId: me.memberId });
    },
  }),
];

function adminView(org: Org.Info): z.input<typeof OrganisationView> {
  return {
    ...org,
    publicOrigin: Org.publicOriginOf(org),
    publicOriginChoices: Org.originChoices(),
  };
}
