export * from "./board";
export * from "./calendar";
export * as Points from "./index";
export * from "./leaderboard";
export * from "./my-links";
export * from "./standing";
export * from "./streak";
