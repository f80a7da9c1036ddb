/**
 * Schema primitives shared by more than one domain: one definition of a channel, an http(s)
 * URL, a locale, an e-mail address and an id, so domains agree on them without importing
 * each other.
 */
export * from "./channel";
export * from "./email";
export * from "./id";
export * from "./locale";
export * from "./url";
