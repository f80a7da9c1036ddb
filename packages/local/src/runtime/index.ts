export * from "./config";
export * from "./handlers";
export { LOCAL_KEY_FILE, localKey } from "./local-key";
export * from "./local-system";
