import { Errors } from "../error";
import type { Member } from "../member";
import { ROLE_RANK } from "../member";

type Actor = Member.Info;

export const isAdmin = (actor: Pick<Actor, "role">) => ROLE_RANK[actor.role] >= ROLE_RANK.admin;

/** Admins curate anything; a curator only items whose topics are all its own (none: admins'). */
export function mayCurate(actor: Pick<Actor, "role" | "curatorTopics">, topics: string[]) {
  if (isAdmin(actor)) return true;
  if (actor.role !== "curator") return false;
  return topics.length > 0 && topics.every((topic) => actor.curatorTopics.includes(topic));
}

export function assertMayCurate(actor: Pick<Actor, "role" | "curatorTopics">, topics: string[]) {
  if (mayCurate(actor, topics)) return;
  if (actor.role === "member") {
    throw Errors.forbidden(
      "curator_required",
      "Only curators and admins can do this. Members can suggest content instead.",
    );
  }
  throw Errors.forbidden(
    "outside_topics",
    topics.length === 0
      ? "Only admins can curate content without topics."
      : "You can only curate content whose topics are all among your topics.",
  );
}
