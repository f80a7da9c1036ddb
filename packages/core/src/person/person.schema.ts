import { z } from "zod";

export const Info = z.object({
  personId: z.string(),
  email: z.string(),
  createdAt: z.iso.datetime(),
});
export type Info = z.infer<typeof Info>;
