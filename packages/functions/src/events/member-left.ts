import { Share } from "@sprida/core/share";
import { lambda } from "../lambda";

/** EventBridge target of `member.left`: forgets the member's post URLs; throws to retry. */
export const handler = lambda(async (event: unknown): Promise<void> => {
  await Share.forgetPostUrls(event);
});
