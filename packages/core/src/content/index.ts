/** The content domain's public surface, also exposed as one namespace. */

export { assertMayCurate, isAdmin, mayCurate } from "./access";
export * from "./archive";
export { contentService, fromItem, toItem } from "./content.entity";
export * from "./content.schema";
export * from "./create";
export { Events, publishedEvent } from "./events";
export * as Content from "./index";
export * from "./preview";
export * from "./publish";
export { find, get, idsInCampaign, list, listFor } from "./read";
export * from "./settings";
export * from "./suggest";
export * from "./update";
