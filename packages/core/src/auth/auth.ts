export * as Session from "./session";
export * from "./sign-in";
