import { Stack } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import type { Function as SstFunction } from "sst/constructs";
import type { MailSettings } from "./settings";

/**
 * Lets a function send e-mail through SES (v2 SendEmail, simple or raw content) as the configured
 * identity only: the resource is the SES identity of SPRIDA_MAIL_FROM's domain in the stack's
 * region (arn:...:ses:<region>:<account>:identity/<domain>), and the From address must be
 * SPRIDA_MAIL_FROM itself. See infra/settings.ts for the settings.
 *
 * Before the first deploy: verify the domain in SES (with DKIM) in the deployment's region and
 * request production access. In the SES sandbox, SES also checks the permission against each
 * recipient's identity, so sending to anyone but the sender's own domain is refused by IAM as well
 * as by SES.
 */
export function grantSendMail(fn: SstFunction, mail: MailSettings): void {
  const stack = Stack.of(fn);
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      actions: ["ses:SendEmail", "ses:SendRawEmail"],
      resources: [
        stack.formatArn({ service: "ses", resource: "identity", resourceName: mail.identity }),
      ],
      conditions: { StringEquals: { "ses:FromAddress": mail.from } },
    }),
  );
}
