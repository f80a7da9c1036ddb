import { Auth } from "@sprida/core/auth";
import { Errors, parseInput } from "@sprida/core/error";
import { DisplayName, Member } from "@sprida/core/member";
import { GuidelinesText, Org, OrganisationInput, TimeZone } from "@sprida/core/org";
import { Person } from "@sprida/core/person";
import { Runtime } from "@sprida/core/runtime";
import { Email, Locale } from "@sprida/core/schema";
import { z } from "zod";

/** What `npm run admin -- create-organisation` asks for, in the domain's own schemas. */
export const CreateOrganisationInput = z.strictObject({
  name: OrganisationInput.shape.name,
  locale: Locale.default("sv"),
  timeZone: TimeZone.default("Europe/Stockholm"),
  ownerEmail: Email,
  ownerName: DisplayName.optional(),
  /** Version 1 of the guidelines; without it, defaultGuidelines in the organisation's language. */
  guidelines: GuidelinesText.optional(),
});
export type CreateOrganisationInput = z.input<typeof CreateOrganisationInput>;

export interface CreatedOrganisation {
  orgId: string;
  name: string;
  locale: "sv" | "en";
  timeZone: string;
  ownerMemberId: string;
  ownerEmail: string;
  /** Whether version 1 of the guidelines is the default text, to be replaced. */
  defaultGuidelines: boolean;
  /** Local runtime only: a link like `npm run sign-in-link` prints (the e-mail has its own). */
  signInLink?: { url: string; code: string; expiresAt: string };
}

/** The rate limits' client for sign-in e-mails an operator's command asks for. */
const OPERATOR_CLIENT = "operator:admin-cli";

/**
 * Creates an organisation and its owner, and mails the owner a sign-in link, through the
 * commands the app and the demo seed use: `Org.create`, an invitation by the system accepted at
 * once (the owner sets the guidelines, so they start out accepting version 1), and the sign-in
 * request the `/sign-in` page makes. An address that already belongs to an organisation of the
 * same name is refused, with nothing written: running the command twice makes one organisation.
 */
export async function createOrganisation(
  input: CreateOrganisationInput,
  options: { signInLink?: boolean; progress?: (line: string) => void } = {},
): Promise<CreatedOrganisation> {
  const { name, locale, timeZone, ownerEmail, ownerName, guidelines } = parseInput(
    CreateOrganisationInput,
    input,
  );
  const progress = options.progress ?? (() => {});
  await refuseExisting(ownerEmail, name);

  progress(`Creating organisation "${name}" (${locale}, ${timeZone})…`);
  const org = await Org.create({
    name,
    locale,
    timeZone,
    guidelines: guidelines ?? defaultGuidelines(name, locale),
  });
  progress(`Organisation ${org.orgId} created, with version 1 of its guidelines`);

  progress(`Adding ${ownerEmail} as its owner…`);
  const owner = await afterCreated(
    `Organisation ${org.orgId} was created without its owner`,
    async () => {
      const { inviteToken } = await Member.invite({
        orgId: org.orgId,
        email: ownerEmail,
        role: "owner",
        displayName: ownerName,
        invitedBy: Member.SYSTEM_ACTOR,
      });
      return Member.acceptInvite({ token: inviteToken, guidelinesVersion: 1 });
    },
  );
  progress(`Owner ${owner.memberId} is an active member`);

  progress(`Sending the sign-in e-mail to ${ownerEmail}…`);
  await afterCreated(
    `Organisation ${org.orgId} and its owner ${owner.memberId} were created, but no sign-in ` +
      `e-mail was sent (the owner can ask for one at ${Runtime.use().publicOrigin}/sign-in)`,
    () => Auth.requestSignIn({ email: ownerEmail, orgId: org.orgId, clientKey: OPERATOR_CLIENT }),
  );
  const signInLink = options.signInLink
    ? await Auth.createSignInLink({ email: ownerEmail, orgId: org.orgId })
    : undefined;
  return {
    orgId: org.orgId,
    name: org.name,
    locale: org.locale,
    timeZone: org.timeZone,
    ownerMemberId: owner.memberId,
    ownerEmail,
    defaultGuidelines: guidelines === undefined,
    ...(signInLink && {
      signInLink: { url: signInLink.url, code: signInLink.code, expiresAt: signInLink.expiresAt },
    }),
  };
}

const sameName = (a: string, b: string) =>
  a.trim().toLocaleLowerCase("sv") === b.trim().toLocaleLowerCase("sv");

async function refuseExisting(email: string, name: string): Promise<void> {
  const person = await Person.findByEmail(email);
  if (!person) return;
  const existing = (await Member.membershipsOfPerson(person.personId)).find((membership) =>
    sameName(membership.orgName, name),
  );
  if (!existing) return;
  throw Errors.conflict(
    "organisation_exists",
    `${email} already belongs to "${existing.orgName}" (organisation ${existing.orgId}, ` +
      `${existing.status} ${existing.role} ${existing.memberId}). Nothing was changed. ` +
      `They sign in at ${Runtime.use().publicOrigin}/sign-in.`,
  );
}

/** A step after the organisation exists fails saying what was made, so nobody guesses. */
async function afterCreated<T>(made: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    throw new PartlyDoneError(`${made}: ${(error as Error).message}`, { cause: error });
  }
}

/** Something was created and a later step failed: said in one line, exit code 1. */
export class PartlyDoneError extends Error {
  override name = "PartlyDoneError";
}

/**
 * A first version for an organisation whose owner has not written one yet: general rules any
 * programme starts from, saying that the owner replaces them (a new version in the admin site,
 * which members accept again).
 */
export function defaultGuidelines(name: string, locale: "sv" | "en"): string {
  return locale === "sv"
    ? `Riktlinjer för sociala medier – ${name} (version 1)

1. Att dela är frivilligt. Dela bara det du själv står för.
2. Skriv med egna ord; förslagstexterna är bara förslag.
3. Dela aldrig något som är internt eller konfidentiellt.
4. Var tydlig med att du arbetar på ${name} när du delar jobbrelaterat innehåll.

Det här är en första, allmän version. Organisationens ägare ersätter den med egna riktlinjer.`
    : `Social media guidelines – ${name} (version 1)

1. Sharing is voluntary. Share only what you stand behind.
2. Write in your own words; the suggested texts are only suggestions.
3. Never share anything internal or confidential.
4. Make clear that you work at ${name} when you share work-related content.

This is a first, general version. The organisation's owner replaces it with guidelines of its own.`;
}
