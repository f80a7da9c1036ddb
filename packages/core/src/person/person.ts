import { randomUUID } from "node:crypto";
import { retryOnConflict, TRY_AGAIN } from "../dynamo";
import { Errors, parseInput } from "../error";
import { Runtime } from "../runtime";
import { Email } from "../schema";
import { personService } from "./person.entity";
import { Info as Person } from "./person.schema";

const MAX_ATTEMPTS = 3;

/**
 * The person with this address, created if there is none. Race-safe: the person and its
 * e-mail key are created in one transaction under the condition that neither exists, so
 * of two concurrent calls one creates and the other reads the winner.
 */
export async function findOrCreate(email: string): Promise<Person> {
  const address = parseInput(Email, email, "invalid_email");
  // The loser of a race reads the winner's person at once: no pause needed.
  return retryOnConflict(
    async () => {
      const existing = await findByEmail(address);
      if (existing) return existing;
      const person = {
        personId: randomUUID(),
        email: address,
        createdAt: Runtime.use().now().toISOString(),
      };
      const result = await personService()
        .service.transaction.write(({ person: people, personEmail }) => [
          people.create({ ...person, memberships: 0 }).commit(),
          personEmail.create({ email: address, personId: person.personId }).commit(),
        ])
        .go();
      return result.canceled ? TRY_AGAIN : person;
    },
    {
      attempts: MAX_ATTEMPTS,
      pauseMs: 0,
      conflict: () =>
        Errors.conflict("person_busy", "This address was changed at the same time. Try again."),
    },
  );
}

export async function findByEmail(email: string): Promise<Person | undefined> {
  const parsed = Email.safeParse(email);
  if (!parsed.success) return undefined;
  const { personEmail } = personService();
  const key = await personEmail.get({ email: parsed.data }).go({ consistent: true });
  return key.data ? find(key.data.personId) : undefined;
}

export async function get(personId: string): Promise<Person> {
  const found = await find(personId);
  if (!found) throw Errors.notFound("person_not_found", "This person does not exist.");
  return found;
}

export async function find(personId: string): Promise<Person | undefined> {
  const { data } = await personService().person.get({ personId }).go({ consistent: true });
  return data ? Person.parse(data) : undefined;
}

/** The person with the number of memberships pointing at them (for the member domain). */
export async function findWithMemberships(
  personId: string,
): Promise<(Person & { memberships: number }) | undefined> {
  const { data } = await personService().person.get({ personId }).go({ consistent: true });
  return data ? { ...Person.parse(data), memberships: data.memberships ?? 0 } : undefined;
}

/**
 * Deletes the person and frees the address; removing a person who is gone is not an error.
 * For operators: a member's own way out is `Member.leave`, which removes the person with
 * their last membership.
 */
export async function remove(personId: string): Promise<void> {
  const person = await find(personId);
  if (!person) return;
  await personService()
    .service.transaction.write(({ person: people, personEmail }) => [
      people.delete({ personId }).commit(),
      personEmail
        .delete({ email: person.email })
        .where((attributes, op) => op.eq(attributes.personId, personId))
        .commit(),
    ])
    .go();
}
