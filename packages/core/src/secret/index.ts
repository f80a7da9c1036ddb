export * as Secret from "./secret";
export { secretEntity } from "./secret.entity";
