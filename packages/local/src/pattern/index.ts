export { matchesPattern, validatePattern } from "./event-pattern";
