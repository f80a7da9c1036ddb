/** The data key as it is kept, for tests that read what is stored at rest. */
export { dataKey } from "./data-key";
