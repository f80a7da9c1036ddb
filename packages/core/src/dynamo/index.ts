export * as Dynamo from "./index";
export * from "./meter";
export * from "./table-definition";
