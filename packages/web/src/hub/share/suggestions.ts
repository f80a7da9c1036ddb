import type { FeedItem } from "../types";

/**
 * The suggested texts a member can start from, in their language (else the item's), those
 * for any channel; the title when there are none. The member rotates through them and edits.
 */
export function suggestionsFor(item: FeedItem, language: string): string[] {
  const inLanguage = (lang: string) =>
    item.suggestedTexts.filter((text) => text.language === lang).map((text) => text.text);
  const texts = inLanguage(language);
  const chosen = texts.length > 0 ? texts : inLanguage(item.language);
  return chosen.length > 0 ? chosen : [item.title];
}

/** The member's channels first (in their order), then the rest as the API lists them. */
export function orderChannels<T extends { id: string }>(channels: T[], mine: string[]): T[] {
  const rank = (id: string) => {
    const index = mine.indexOf(id);
    return index === -1 ? mine.length : index;
  };
  return [...channels].sort((a, b) => rank(a.id) - rank(b.id));
}
