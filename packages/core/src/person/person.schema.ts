import { z } from "zod";

export const Person = z.object({
  personId: z.string(),
  email: z.string(),
  createdAt: z.iso.datetime(),
});
export type Person = z.infer<typeof Person>;
