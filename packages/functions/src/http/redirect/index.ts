export * from "./app";
export * from "./self-cookie";
