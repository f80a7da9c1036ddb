export * as Person from "./index";
export * from "./person";
export { personEmailEntity, personEntity } from "./person.entity";
export { Info } from "./person.schema";
