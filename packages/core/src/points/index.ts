export * from "./board";
export * from "./calendar";
export * as Points from "./index";
export * from "./leaderboard";
export * from "./my-links";
export * from "./points.schema";
export * from "./standing";
export * from "./streak";
