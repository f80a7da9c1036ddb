// The namespace is built from ./content rather than from this file because the domain has a
// schema named `Content` too: `Content.Content` is an item.
export * as Content from "./content";
export * from "./content";
