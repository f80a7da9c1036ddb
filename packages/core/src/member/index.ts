// The namespace is built from ./member rather than from this file (as other domains do)
// because the domain has a schema named `Member` too: `Member.Member` is a membership.
export * as Member from "./member";
export * from "./member";
