import { Onboarding } from "@sprida/core/onboarding";
import { lambda } from "../lambda";

/** EventBridge target of `member.invited`: mails the join link once per event; throws to retry. */
export const handler = lambda(async (event: unknown): Promise<void> => {
  await Onboarding.mailInvitation(event);
});
