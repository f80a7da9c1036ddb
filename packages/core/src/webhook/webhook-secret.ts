import { isConditionalCheckFailure } from "../error";
import { Keyring } from "../keyring";
import { Runtime } from "../runtime";
import { type WebhookItem, webhookService } from "./webhook.entity";

/** Which of a webhook's two secrets a sealed value is: each opens only as itself. */
type Slot = "current" | "previous";
type Stored = Pick<WebhookItem, "orgId" | "webhookId" | "secret"> &
  Partial<Pick<WebhookItem, "previousSecret" | "previousSecretExpiresAt">>;

const contextOf = (webhook: Pick<WebhookItem, "orgId" | "webhookId">, slot: Slot) =>
  `webhook-secret:${webhook.orgId}:${webhook.webhookId}:${slot}`;

export function sealSecret(
  webhook: Pick<WebhookItem, "orgId" | "webhookId">,
  secret: string,
  slot: Slot,
): Promise<string> {
  return Keyring.seal(secret, contextOf(webhook, slot));
}

/** A `whsec_…` stored before secrets were sealed is returned as it is. */
async function open(webhook: Stored, stored: string, slot: Slot): Promise<string> {
  if (!Keyring.isSealed(stored)) return stored;
  return (await Keyring.open(stored, contextOf(webhook, slot))).toString("utf8");
}

/** Until when the secret a rotation replaced still signs, if it still does at `now`. */
export function previousSecretExpiresAt(webhook: Stored, now: Date): string | undefined {
  const until = webhook.previousSecretExpiresAt;
  return webhook.previousSecret && until && until > now.toISOString() ? until : undefined;
}

/** The secret that signs from now on, in plaintext: what a rotation moves to `previous`. */
export function currentSecret(webhook: Stored): Promise<string> {
  return open(webhook, webhook.secret, "current");
}

/**
 * Every secret that signs a delivery now: the current one, then, during a rotation's overlap,
 * the one it replaced. A current secret stored before sealing is sealed in place the first
 * time it signs (its value does not change, nor the webhook's revision).
 */
export async function signingSecrets(webhook: WebhookItem): Promise<string[]> {
  const secrets = [await currentSecret(webhook)];
  if (!Keyring.isSealed(webhook.secret)) await sealInPlace(webhook, secrets[0] as string);
  if (previousSecretExpiresAt(webhook, Runtime.use().now()) && webhook.previousSecret) {
    secrets.push(await open(webhook, webhook.previousSecret, "previous"));
  }
  return secrets;
}

/**
 * A webhook as it is written back (any change): its secret sealed if it was not yet, and the
 * replaced secret only while its overlap lasts.
 */
export async function sealedForWrite(next: WebhookItem): Promise<WebhookItem> {
  const { previousSecret, previousSecretExpiresAt: until, ...rest } = next;
  const sealed: WebhookItem = {
    ...rest,
    secret: Keyring.isSealed(next.secret)
      ? next.secret
      : await sealSecret(next, next.secret, "current"),
  };
  if (previousSecret && until && previousSecretExpiresAt(next, Runtime.use().now())) {
    sealed.previousSecret = previousSecret;
    sealed.previousSecretExpiresAt = until;
  }
  return sealed;
}

async function sealInPlace(webhook: WebhookItem, plaintext: string): Promise<void> {
  const sealed = await sealSecret(webhook, plaintext, "current");
  try {
    await webhookService()
      .webhook.patch({ orgId: webhook.orgId, webhookId: webhook.webhookId })
      .set({ secret: sealed })
      .where((attributes, op) => op.eq(attributes.secret, webhook.secret))
      .go({ response: "none" });
    // This item is shared by the run's other deliveries: they need not seal it again.
    webhook.secret = sealed;
  } catch (error) {
    // Sealed, or rotated, by someone else meanwhile: this delivery signs with what it read.
    if (!isConditionalCheckFailure(error)) throw error;
  }
}
