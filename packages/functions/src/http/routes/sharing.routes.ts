import { Campaign } from "@sprida/core/campaign";
import { Click } from "@sprida/core/click";
import { Content } from "@sprida/core/content";
import { Feed } from "@sprida/core/feed";
import { Member } from "@sprida/core/member";
import { Runtime } from "@sprida/core/runtime";
import { Share } from "@sprida/core/share";
import { Stats } from "@sprida/core/stats";
import { z } from "zod";
import { actorOf, session } from "../callers";
import { writeSelfCookie } from "../redirect";
import { defineRoute } from "../route";

/** A tracked link as its member sees it. */
const LinkView = Share.ShareLink;

/** "What I have shared": one of my links for a feed item, with its unique human clicks. */
const MyLinkView = Share.ShareLink.pick({ channel: true, code: true, url: true }).extend({
  confirmed: z.boolean(),
  confirmedAt: z.string().optional(),
  clicks: z.number(),
});

/** A feed item: what a member needs of the content to share it, and their own links for it. */
const FeedItemView = Content.Info.pick({
  contentId: true,
  kind: true,
  title: true,
  summary: true,
  url: true,
  imageUrl: true,
  topics: true,
  campaignId: true,
  language: true,
  featured: true,
  publishedAt: true,
  expiresAt: true,
  suggestedTexts: true,
}).extend({ myLinks: z.array(MyLinkView), shared: z.boolean() });

const CampaignView = Campaign.CampaignWithItems.partial({
  /** Content whose campaignId names the campaign (absent in the list; open one for them). */
  items: true,
}).extend({ progress: Stats.Progress.optional() });

/** A campaign running today as members see it (Campaign.Info picked, with its progress). */
const CurrentCampaignView = Stats.CurrentCampaign;

const ContentParams = z.strictObject({ contentId: z.string().min(1).max(64) });
const CampaignParams = z.strictObject({ campaignId: z.string().min(1).max(64) });

/** The member's feed, one-tap sharing to any channel, share confirmation, and campaigns. */
export const SharingRoutes = [
  defineRoute({
    method: "get",
    path: "/api/channels",
    summary: "Every share channel: its kind and whether it takes the member's text in its URL",
    tag: "Sharing",
    access: session("member"),
    response: z.object({ channels: z.array(Share.ChannelInfo) }),
    handler: () => ({ channels: Share.channelList() }),
  }),
  defineRoute({
    method: "get",
    path: "/api/feed",
    summary: "My feed: published, unexpired items; featured, followed topics and my language first",
    tag: "Sharing",
    access: session("member"),
    query: z.strictObject({
      topic: z.string().max(60).optional(),
      campaignId: z.string().max(64).optional(),
      /** Comma-separated topics to put first instead of the ones I follow (they order, not filter). */
      followedTopics: z.string().max(3000).optional(),
      limit: z.coerce.number().int().min(1).max(50).default(20),
      cursor: z.string().max(200).optional(),
    }),
    response: z.object({ items: z.array(FeedItemView), cursor: z.string().nullable() }),
    handler: async ({ caller, query }) => {
      const me = actorOf(caller);
      // The topics I follow come from my profile unless the request names others.
      const followed = query.followedTopics
        ? query.followedTopics
            .split(",")
            .map((topic) => topic.trim())
            .filter(Boolean)
        : (await Member.get(me.orgId, me.memberId)).followedTopics;
      return Feed.list(me, { ...query, followedTopics: followed });
    },
  }),
  defineRoute({
    method: "get",
    path: "/api/topics",
    summary:
      "The topics of the organisation's live items, with how many live items each has: most items first, then by name",
    tag: "Sharing",
    access: session("member"),
    response: z.object({ topics: z.array(Feed.TopicCount) }),
    handler: async ({ caller }) => ({ topics: await Feed.topicsOf(actorOf(caller)) }),
  }),
  defineRoute({
    method: "get",
    path: "/api/campaigns",
    summary:
      "The organisation's campaigns running today (its local day), with their goals and progress",
    tag: "Sharing",
    access: session("member"),
    response: z.object({ campaigns: z.array(CurrentCampaignView) }),
    handler: async ({ caller }) => ({
      campaigns: await Stats.currentCampaigns(actorOf(caller)),
    }),
  }),
  defineRoute({
    method: "post",
    path: "/api/content/:contentId/share",
    summary:
      "My tracked link for this item and channel (always the same one) and the channel's share action",
    tag: "Sharing",
    access: session("member"),
    params: ContentParams,
    body: z.strictObject({
      channel: z.string().max(40),
      instance: z.string().max(253).optional(),
      text: z.string().max(3000).optional(),
    }),
    response: z.object({
      link: LinkView,
      action: Share.ShareAction,
      text: z.string(),
      suggestedTextId: z.string().optional(),
      created: z.boolean(),
    }),
    handler: async ({ caller, params, body, visitorFor, c }) => {
      const me = actorOf(caller);
      const result = await Share.linkFor(me, { ...body, contentId: params.contentId });
      // The member's own clicks on their links count as self, not human: known by a signed
      // cookie this browser sends to /r/, and by this browser's visitor hash today.
      const [others] = await Promise.all([
        Member.membershipsOfPerson(me.personId),
        visitorFor(me.orgId).then((visitor) =>
          Click.rememberMemberVisitor(me.orgId, me.memberId, visitor),
        ),
      ]);
      await writeSelfCookie(
        c,
        [me, ...others.filter((other) => other.status === "active" && other.orgId !== me.orgId)],
        Runtime.use().publicOrigin,
      );
      return result;
    },
  }),
  defineRoute({
    method: "post",
    path: "/api/shares/:code/confirm",
    summary: "I posted it: confirm my share (optionally with the post's URL)",
    tag: "Sharing",
    access: session("member"),
    params: z.strictObject({ code: z.string().min(1).max(20) }),
    body: z.strictObject({ postUrl: z.string().max(2000).optional() }),
    response: LinkView,
    handler: async ({ caller, params, body }) =>
      Share.confirm(actorOf(caller), { code: params.code, ...body }),
  }),
  defineRoute({
    method: "get",
    path: "/api/admin/campaigns",
    summary: "The organisation's campaigns",
    tag: "Campaigns",
    access: session("admin"),
    response: z.object({ campaigns: z.array(CampaignView) }),
    handler: async ({ caller }) => ({ campaigns: await Campaign.list(actorOf(caller)) }),
  }),
  defineRoute({
    method: "get",
    path: "/api/admin/campaigns/:campaignId",
    summary:
      "One campaign with its items (the content whose campaignId names it) and its progress towards its goal",
    tag: "Campaigns",
    access: session("admin"),
    params: CampaignParams,
    response: CampaignView,
    handler: async ({ caller, params }) =>
      Stats.campaignProgress(actorOf(caller), params.campaignId),
  }),
  defineRoute({
    method: "post",
    path: "/api/admin/campaigns",
    summary:
      "Create a campaign: name, period, goal (confirmed shares or unique clicks); put content in it by setting the content's campaignId",
    tag: "Campaigns",
    access: session("admin"),
    body: Campaign.CampaignInput,
    response: CampaignView,
    status: 201,
    handler: async ({ caller, body }) => Campaign.create(actorOf(caller), body),
  }),
  defineRoute({
    method: "patch",
    path: "/api/admin/campaigns/:campaignId",
    summary: "Change a campaign",
    tag: "Campaigns",
    access: session("admin"),
    params: CampaignParams,
    body: Campaign.CampaignPatch,
    response: CampaignView,
    handler: async ({ caller, params, body }) =>
      Campaign.update(actorOf(caller), params.campaignId, body),
  }),
];
