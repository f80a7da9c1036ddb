export * from "./guidelines";
export * as Org from "./index";
export * from "./local-day";
export * from "./org";
export { organisationEntity } from "./org.entity";
export * from "./org.schema";
export * from "./origin";
