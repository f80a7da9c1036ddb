import { dataKey as loaded } from "./data-key";
import { leanDataKeyStore } from "./data-key.lean";

/** The data key as it is kept, for tests that read what is stored at rest. */
export const dataKey = () => loaded(leanDataKeyStore);
