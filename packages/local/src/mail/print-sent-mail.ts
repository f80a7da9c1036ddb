import type { SESv2Client } from "@aws-sdk/client-sesv2";

const MAX_LINKS = 3;

/**
 * Locally, every e-mail is also announced on the console with the links it carries, so a
 * sign-in or an invitation can be followed without opening the inbox.
 */
export function printSentMail(
  client: SESv2Client,
  print: (line: string) => void = console.log,
): SESv2Client {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName === "SendEmailCommand") {
        const input = args.input as {
          Destination?: { ToAddresses?: string[] };
          Content?: {
            Simple?: { Subject?: { Data?: string }; Body?: { Text?: { Data?: string } } };
          };
        };
        const simple = input.Content?.Simple;
        const links = simple?.Body?.Text?.Data?.match(/https?:\/\/\S+/g) ?? [];
        print(`✉  ${input.Destination?.ToAddresses?.join(", ")}: ${simple?.Subject?.Data ?? ""}`);
        // A digest carries a link per item: the first few say enough.
        const distinct = [...new Set(links)];
        for (const link of distinct.slice(0, MAX_LINKS)) print(`   ${link}`);
        if (distinct.length > MAX_LINKS)
          print(`   … and ${distinct.length - MAX_LINKS} more links`);
      }
      return result;
    },
    { step: "initialize", name: "printSentMail" },
  );
  return client;
}
