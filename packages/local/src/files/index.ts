export * from "./private-file";
export * from "./private-folder";
