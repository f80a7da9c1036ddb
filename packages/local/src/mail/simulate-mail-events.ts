import type { SESv2Client } from "@aws-sdk/client-sesv2";

/** SES's mailbox simulator addresses: on AWS they bounce or complain for real. */
export const SIMULATOR = {
  bounce: "bounce@simulator.amazonses.com",
  complaint: "complaint@simulator.amazonses.com",
} as const;

type ServiceEvent = { source: `aws.${string}`; detailType: string; detail: object };

/**
 * Locally, mail to SES's simulator addresses comes back as SES would send it through the
 * configuration set's EventBridge destination (a hard bounce, a complaint), so suppression
 * runs end to end without AWS.
 */
export function simulateMailEvents(
  client: SESv2Client,
  put: (event: ServiceEvent) => Promise<void>,
): SESv2Client {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName !== "SendEmailCommand") return result;
      const input = args.input as { Destination?: { ToAddresses?: string[] } };
      const mail = {
        timestamp: new Date().toISOString(),
        destination: input.Destination?.ToAddresses,
      };
      for (const address of input.Destination?.ToAddresses ?? []) {
        const emailAddress = address.toLowerCase();
        if (emailAddress === SIMULATOR.bounce) {
          await put({
            source: "aws.ses",
            detailType: "Email Bounced",
            detail: {
              eventType: "Bounce",
              mail,
              bounce: {
                bounceType: "Permanent",
                bounceSubType: "General",
                bouncedRecipients: [{ emailAddress: address }],
              },
            },
          });
        } else if (emailAddress === SIMULATOR.complaint) {
          await put({
            source: "aws.ses",
            detailType: "Email Complaint Received",
            detail: {
              eventType: "Complaint",
              mail,
              complaint: { complainedRecipients: [{ emailAddress: address }] },
            },
          });
        }
      }
      return result;
    },
    { step: "initialize", name: "simulateMailEvents" },
  );
  return client;
}
