import { randomUUID } from "node:crypto";
import type { SuggestedText } from "./content.schema";

/** Suggested texts as given, each with an id (kept when given, new otherwise). */
export function withIds(texts: (Omit<SuggestedText, "id"> & { id?: string })[]): SuggestedText[] {
  return texts.map(({ id, ...text }) => ({ id: id ?? randomUUID(), ...text }));
}
