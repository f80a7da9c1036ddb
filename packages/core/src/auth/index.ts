export * as ApiToken from "./api-token";
export * as Auth from "./auth";
export * as Session from "./session";
export * as SigningKey from "./signing-key";
