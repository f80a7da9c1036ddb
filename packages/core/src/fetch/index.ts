export * from "./address-policy";
export * as SafeFetch from "./index";
export * from "./safe-fetch";
