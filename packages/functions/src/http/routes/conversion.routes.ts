import { SigningKey } from "@sprida/core/auth";
import { Conversion } from "@sprida/core/conversion";
import { z } from "zod";
import { actorOf, PUBLIC, session, signed } from "../callers";
import { defineRoute } from "../route";

/** The smallest transparent GIF: what the pixel always answers. */
const PIXEL = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");

/** Conversions reported by the organisation's site, and the keys its servers sign with (issue 12). */
export const ConversionRoutes = [
  defineRoute({
    method: "post",
    path: "/api/conversions/report",
    summary:
      "Report a conversion for a click id (sid), signed with a signing key: value in minor units, idempotent by order id",
    tag: "Conversions",
    access: signed(),
    body: Conversion.ConversionReport,
    response: Conversion.ConversionOutcome,
    handler: async ({ caller, body }) => Conversion.report(caller.orgId, body),
  }),
  defineRoute({
    method: "get",
    path: "/api/conversions/pixel.gif",
    summary:
      "The count-only conversion pixel (?sid=): always a 1×1 GIF; counts one conversion without value per human click inside the window; anything else is ignored",
    tag: "Conversions",
    access: PUBLIC,
    // Loose: a value or order id a page adds is ignored, never refused (it cannot inflate ROI).
    query: z.object({ sid: z.string().max(200).optional() }).loose(),
    response: z.string(),
    handler: async ({ query, c }) => {
      await Conversion.pixel(query.sid);
      c.header("content-type", "image/gif");
      c.header("cache-control", "no-store");
      return c.body(new Uint8Array(PIXEL));
    },
  }),
  defineRoute({
    method: "post",
    path: "/api/admin/conversions/csv",
    summary:
      "Import conversions from CSV (header: sid, orderId, value, currency, occurredAt; value in minor units): a result per row",
    tag: "Conversions",
    access: session("admin"),
    bodyType: "csv",
    body: z.string().min(1).max(1_000_000),
    response: z.object({ rows: z.array(Conversion.CsvRowResult) }),
    handler: async ({ caller, body }) => ({
      rows: await Conversion.importCsv(actorOf(caller), body),
    }),
  }),
  defineRoute({
    method: "get",
    path: "/api/admin/signing-keys",
    summary: "The organisation's signing keys for conversion reports (never their secrets)",
    tag: "Conversions",
    access: session("owner"),
    response: z.object({ keys: z.array(SigningKey.Info) }),
    handler: async ({ caller }) => ({ keys: await SigningKey.list(actorOf(caller)) }),
  }),
  defineRoute({
    method: "post",
    path: "/api/admin/signing-keys",
    summary: "Create a signing key; the answer holds its secret, shown this once (audited)",
    tag: "Conversions",
    access: session("owner"),
    body: SigningKey.SigningKeyInput,
    response: SigningKey.SigningKeyWithSecret,
    status: 201,
    handler: async ({ caller, body }) => SigningKey.create(actorOf(caller), body),
  }),
  defineRoute({
    method: "delete",
    path: "/api/admin/signing-keys/:keyId",
    summary: "Revoke a signing key: it stops verifying at once (audited)",
    tag: "Conversions",
    access: session("owner"),
    params: z.strictObject({ keyId: z.string().min(1).max(64) }),
    response: z.object({ revoked: z.literal(true) }),
    handler: async ({ caller, params }) => {
      await SigningKey.revoke(actorOf(caller), params.keyId);
      return { revoked: true as const };
    },
  }),
];
