import { Org, OrganisationPatch, OrgSettings } from "@sprida/core/org";
import { z } from "zod";
import { defineRoute } from "../route";
import { signedIn } from "./auth.routes";

const GuidelinesView = z.object({ version: z.number(), text: z.string(), publishedAt: z.string() });

export const OrganisationView = z.object({
  orgId: z.string(),
  name: z.string(),
  locale: z.enum(["sv", "en"]),
  timeZone: z.string(),
  /** Where the organisation's links point now. */
  publicOrigin: z.string(),
  /** What `publicOrigin` may be set to (the deployment's https origins); null means the first. */
  publicOriginChoices: z.array(z.string()),
  ownDomains: z.array(z.string()),
  internalNetworks: z.array(z.string()),
  settings: OrgSettings,
  guidelines: GuidelinesView.optional(),
});

export const OrganisationRoutes = [
  defineRoute({
    method: "get",
    path: "/api/organisation",
    summary: "The current organisation's name, language and social media guidelines",
    tag: "Organisation",
    access: "member",
    response: z.object({
      orgId: z.string(),
      name: z.string(),
      locale: z.enum(["sv", "en"]),
      timeZone: z.string(),
      guidelines: GuidelinesView.optional(),
    }),
    handler: async ({ caller }) => Org.get(signedIn(caller).orgId),
  }),
  defineRoute({
    method: "get",
    path: "/api/admin/organisation",
    summary: "The organisation's settings",
    tag: "Admin",
    access: "admin",
    response: OrganisationView,
    handler: async ({ caller }) => adminView(await Org.get(signedIn(caller).orgId)),
  }),
  defineRoute({
    method: "patch",
    path: "/api/admin/organisation",
    summary:
      "Change name, language, time zone, public origin (one of the deployment's), own domains, internal networks or settings (only those named; audited with old and new values)",
    tag: "Admin",
    access: "admin",
    body: OrganisationPatch,
    response: OrganisationView,
    handler: async ({ caller, body }) => {
      const me = signedIn(caller);
      return adminView(await Org.update(me.orgId, body, { actorMemberId: me.memberId }));
    },
  }),
  defineRoute({
    method: "post",
    path: "/api/admin/organisation/guidelines",
    summary:
      "Publish a new version of the social media guidelines (new members accept the current one)",
    tag: "Admin",
    access: "admin",
    body: z.strictObject({ text: z.string().min(1).max(20_000) }),
    response: GuidelinesView,
    status: 201,
    handler: async ({ caller, body }) => {
      const me = signedIn(caller);
      return Org.publishGuidelines(me.orgId, body.text, { actorMemberId: me.memberId });
    },
  }),
];

function adminView(org: Org.Organisation): z.input<typeof OrganisationView> {
  return {
    ...org,
    publicOrigin: Org.publicOriginOf(org),
    publicOriginChoices: Org.originChoices(),
  };
}
