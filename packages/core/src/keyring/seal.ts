import type { DataKeyStore } from "./data-key";
import { DATA_KEY_ID, dataKeyEntity } from "./data-key.entity";
import { sealerOver } from "./sealer";

/** The data key item through its ElectroDB entity. */
const entityStore: DataKeyStore = {
  async read() {
    const { data } = await dataKeyEntity().get({ id: DATA_KEY_ID }).go({ consistent: true });
    return data ?? undefined;
  },
  async create(item) {
    await dataKeyEntity()
      .create({ id: DATA_KEY_ID, ...item })
      .go({ response: "none" });
  },
};

export const { seal, open, preload, isSealed } = sealerOver(entityStore);
