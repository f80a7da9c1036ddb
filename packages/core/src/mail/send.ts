import { SendEmailCommand } from "@aws-sdk/client-sesv2";
import { z } from "zod";
import { Runtime } from "../runtime";
import { Email } from "../schema";

export const OutgoingMail = z.object({
  to: Email,
  // A line break in a subject would start a new header.
  subject: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[^\r\n]*$/, "A subject is one line"),
  text: z.string().min(1),
  html: z.string().min(1),
  /** Extra headers (List-Unsubscribe); names and values on one line each. */
  headers: z
    .array(
      z.object({
        name: z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,75}$/),
        value: z
          .string()
          .max(2_000)
          .regex(/^[^\r\n]*$/, "A header value is one line"),
      }),
    )
    .max(10)
    .optional(),
});
export type OutgoingMail = z.input<typeof OutgoingMail>;

/**
 * Sends one e-mail (SES v2, simple content, UTF-8) from the deployment's sender, through its
 * configuration set when there is one (bounces and complaints come back as events).
 */
export async function send(input: OutgoingMail): Promise<{ messageId: string | undefined }> {
  const mail = OutgoingMail.parse(input);
  const runtime = Runtime.use();
  const utf8 = (data: string) => ({ Data: data, Charset: "UTF-8" });
  const result = await runtime.mail.send(
    new SendEmailCommand({
      FromEmailAddress: runtime.mailFrom,
      ConfigurationSetName: runtime.mailConfigurationSet,
      Destination: { ToAddresses: [mail.to] },
      Content: {
        Simple: {
          Subject: utf8(mail.subject),
          Body: { Text: utf8(mail.text), Html: utf8(mail.html) },
          Headers: mail.headers?.map(({ name, value }) => ({ Name: name, Value: value })),
        },
      },
    }),
  );
  return { messageId: result.MessageId };
}
