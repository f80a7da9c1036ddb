export * as Person from "./index";
export * from "./person";
export { Person as PersonSchema } from "./person.schema";
