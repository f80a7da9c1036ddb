import { Container } from "@mantine/core";
import { useRouter } from "@tanstack/react-router";
import { ErrorState } from "./states";

/** A place that could not load (offline, the API failing): say so, and offer to try again. */
export function RouteError({ error }: { error: unknown }) {
  const router = useRouter();
  return (
    <Container size="xs" py="xl" component="main">
      <ErrorState error={error} onRetry={() => void router.invalidate()} />
    </Container>
  );
}
