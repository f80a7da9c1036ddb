export * as Rss from "./index";
export * from "./rss";
export * from "./rss.schema";
