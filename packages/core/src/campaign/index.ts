// The namespace is built from ./campaign rather than from this file because the domain has
// a type named `Campaign` too: `Campaign.Campaign` is a campaign.
export * as Campaign from "./campaign";
export * from "./campaign";
