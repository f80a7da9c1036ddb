import { z } from "zod";

/** The languages of the UI, the e-mails and the content: Swedish and English. */
export const Locale = z.enum(["sv", "en"]);
export type Locale = z.infer<typeof Locale>;
