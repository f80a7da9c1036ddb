export * from "./campaign";
export { assertCampaignExists } from "./exists";
export * as Campaign from "./index";
