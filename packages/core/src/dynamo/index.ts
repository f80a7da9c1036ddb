export * from "./batch-get";
export * as Dynamo from "./index";
export * from "./meter";
export * from "./retry-on-conflict";
export * from "./table-definition";
