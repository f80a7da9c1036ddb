import { SigningKey } from "@sprida/core/auth";
import { refOf } from "./content";
import type { AreaInputs, Fixtures } from "./types";

/** A well-formed click id no click has: every route refuses or ignores it, writing nothing. */
const SID = "AbCdE12345.00000000-0000-4000-8000-000000000000";

function fixture(fixtures: Fixtures): string {
  const id = fixtures.signingKeyId;
  if (!id) throw new Error("No signingKeyId: ConversionRouteInputs.prepare did not run");
  return id;
}

/** Inputs for conversions and signing keys (issue 12); each organisation has a key. */
export const ConversionRouteInputs: AreaInputs = {
  async prepare(org) {
    const key = await SigningKey.create(refOf(org, "owner"), { name: "Shop" });
    return { signingKeyId: key.keyId };
  },
  routes: {
    "POST /api/conversions/report": () => ({
      body: { sid: SID, orderId: "order-1", value: 1_000, currency: "EUR" },
    }),
    "GET /api/conversions/pixel.gif": () => ({ query: { sid: SID } }),
    "POST /api/admin/conversions/csv": () => ({
      csv: `sid,orderId,value,currency\n${SID},order-1,1000,EUR\n`,
    }),
    "GET /api/admin/signing-keys": () => ({}),
    "POST /api/admin/signing-keys": () => ({ body: { name: "Another shop" } }),
    "DELETE /api/admin/signing-keys/:keyId": (_org, fixtures) => ({
      params: { keyId: fixture(fixtures) },
    }),
  },
};
