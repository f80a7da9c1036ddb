import type { QueryClient } from "@tanstack/react-query";
import { redirect } from "@tanstack/react-router";
import { isApiError } from "../api";
import { Queries } from "./queries";
import { needsOnboarding } from "./welcome/onboarding-state";

/**
 * Before any signed-in place renders: who is signed in, their profile and organisation, read
 * together (the feed's first page is asked for at the same time). Signed out leads to sign-in
 * and back; a first visit or new guidelines lead to onboarding.
 */
export async function hubGate({
  context,
  location,
}: {
  context: { queryClient: QueryClient };
  location: { pathname: string; href: string };
}) {
  const { queryClient } = context;
  if (location.pathname === "/") void queryClient.prefetchInfiniteQuery(Queries.feed(undefined));
  try {
    const [, me, organisation] = await Promise.all([
      queryClient.ensureQueryData(Queries.session),
      queryClient.ensureQueryData(Queries.me),
      queryClient.ensureQueryData(Queries.organisation),
    ]);
    if (needsOnboarding(me, organisation)) throw redirect({ to: "/welcome" });
  } catch (error) {
    if (isApiError(error) && error.signedOut) {
      throw redirect({ to: "/auth", search: { next: location.href } });
    }
    throw error;
  }
}

/** Signed in, or on to sign-in and back (the admin site's places check their roles). */
export async function signedInGate({
  context,
  location,
}: {
  context: { queryClient: QueryClient };
  location: { href: string };
}) {
  try {
    await context.queryClient.ensureQueryData(Queries.session);
  } catch (error) {
    if (isApiError(error) && error.signedOut) {
      throw redirect({ to: "/auth", search: { next: location.href } });
    }
    throw error;
  }
}
