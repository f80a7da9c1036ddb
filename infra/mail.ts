import { CfnOutput, Stack } from "aws-cdk-lib";
import * as events from "aws-cdk-lib/aws-events";
import * as iam from "aws-cdk-lib/aws-iam";
import * as ses from "aws-cdk-lib/aws-ses";
import type { App, Function as SstFunction } from "sst/constructs";
import type { MailSettings } from "./settings";

/** "sprida-<stage>-mail": every e-mail is sent through it (SPRIDA_MAIL_CONFIGURATION_SET). */
export function mailConfigurationSetName(app: App): string {
  return `${app.name}-${app.stage}-mail`;
}

/**
 * The stage's sending setup: the SES domain identity of SPRIDA_MAIL_FROM (Easy DKIM; its three
 * CNAME records are the stack's outputs) with the configuration set as its default, and the
 * configuration set's event destination: bounces and complaints go to the account's
 * default event bus, where the `mail-events` rule suppresses the addresses (packages/core/src/
 * weekly/bounce.ts). Set SPRIDA_SES_IDENTITY_EXISTS=true when the domain is already an SES
 * identity in the region (made by hand or by another stage): it is then left alone.
 */
export function mailSending(stack: Stack, app: App, mail: MailSettings) {
  const configurationSet = new ses.ConfigurationSet(stack, "MailConfigurationSet", {
    configurationSetName: mailConfigurationSetName(app),
    // Only what is needed: no open or click tracking (no pixel, no rewritten links).
    reputationMetrics: true,
    suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
  });
  configurationSet.addEventDestination("BouncesAndComplaints", {
    destination: ses.EventDestination.eventBus(
      events.EventBus.fromEventBusName(stack, "AccountDefaultBus", "default"),
    ),
    // Every bounce: the handler suppresses permanent ones and leaves a full mailbox to retry.
    events: [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT],
  });
  if (!mail.identityExists) {
    const identity = new ses.EmailIdentity(stack, "MailIdentity", {
      identity: ses.Identity.domain(mail.identity),
      dkimSigning: true,
      dkimIdentity: ses.DkimIdentity.easyDkim(ses.EasyDkimSigningKeyLength.RSA_2048_BIT),
      configurationSet,
    });
    identity.dkimRecords.forEach((record, index) => {
      new CfnOutput(stack, `MailDkimRecord${index + 1}`, {
        description: `DKIM CNAME ${index + 1} of ${mail.identity}: add it to the domain's DNS`,
        value: `${record.name} CNAME ${record.value}`,
      });
    });
  }
  return { configurationSet };
}

/**
 * Lets a function send e-mail through SES (v2 SendEmail, simple content) as the configured
 * identity only, through the stage's configuration set: the resources are the SES identity of
 * SPRIDA_MAIL_FROM's domain in the stack's region and the configuration set, and the From
 * address must be SPRIDA_MAIL_FROM itself. See infra/settings.ts for the settings.
 *
 * Before the first deploy: verify the domain in SES (with DKIM) in the deployment's region and
 * request production access. In the SES sandbox, SES also checks the permission against each
 * recipient's identity, so sending to anyone but the sender's own domain is refused by IAM as well
 * as by SES.
 */
export function grantSendMail(fn: SstFunction, mail: MailSettings): void {
  const stack = Stack.of(fn);
  const app = stack.node.root as App;
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      actions: ["ses:SendEmail"],
      resources: [
        stack.formatArn({ service: "ses", resource: "identity", resourceName: mail.identity }),
        stack.formatArn({
          service: "ses",
          resource: "configuration-set",
          resourceName: mailConfigurationSetName(app),
        }),
      ],
      conditions: { StringEquals: { "ses:FromAddress": mail.from } },
    }),
  );
}
