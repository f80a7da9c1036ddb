interface StoredMail {
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
}

/** The newest mail to `address` in the local inbox (aws-ses-v2-local's JSON store). */
export async function newestMailTo(inboxUrl: string, address: string): Promise<StoredMail> {
  const response = await fetch(new URL("/store", inboxUrl));
  const { emails } = (await response.json()) as { emails: StoredMail[] };
  const mine = emails.filter((mail) => mail.destination.to.includes(address));
  const newest = mine.at(-1);
  if (!newest) throw new Error(`No mail to ${address} yet`);
  return newest;
}

/** The first link in a mail's text that starts with `prefix` (a path of our origin). */
export function linkIn(mail: StoredMail, origin: string, path: string): string {
  const text = mail.body.text ?? mail.body.html ?? "";
  const escaped = `${origin}${path}`.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const found = new RegExp(`${escaped}\\?token=[A-Za-z0-9_-]+`).exec(text);
  if (!found) throw new Error(`No ${path} link in "${mail.subject}"`);
  return found[0];
}
