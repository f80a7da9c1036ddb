export * from "./channels";
export * from "./destination";
export { Events, linkPartition } from "./events";
export { forgetPostUrls } from "./forget";
export * as Share from "./index";
export * from "./link-code";
export * from "./links";
export * from "./share.schema";
export { linksByCode, sharesOf } from "./shares-of";
