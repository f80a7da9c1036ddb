import { z } from "zod";
import { Text } from "../text";

/** What an owner gives to create a signing key for conversion reports: its name. */
export const SigningKeyInput = z.strictObject({ name: Text.field({ max: 80, visible: true }) });
export type SigningKeyInput = z.input<typeof SigningKeyInput>;
