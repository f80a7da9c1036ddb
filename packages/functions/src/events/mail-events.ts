import { Weekly } from "@sprida/core/weekly";
import { lambda } from "../lambda";

/** Target of SES's bounce and complaint events (the default bus): suppresses the addresses. */
export const handler = lambda(async (event: unknown): Promise<void> => {
  await Weekly.handleMailEvent(event);
});
