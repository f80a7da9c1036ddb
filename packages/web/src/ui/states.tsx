import { Alert, Button, Center, Loader, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../api";

/** While something loads: a spinner with words for screen readers. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Loader size="sm" aria-hidden />
      <Text ml="sm" c="dimmed">
        {label ?? t("state.loading")}
      </Text>
    </Center>
  );
}

/** What failed, in words a person can act on: never the raw error, never a stack trace. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const offline = isApiError(error) && error.offline;
  const message = isApiError(error) && error.message && !offline ? error.message : undefined;
  return (
    <Alert
      color={offline ? "gray" : "red"}
      title={offline ? t("state.offlineTitle") : t("state.errorTitle")}
      role="alert"
    >
      <Stack gap="xs" align="flex-start">
        <Text size="sm">
          {offline ? t("state.offlineText") : (message ?? t("state.errorText"))}
        </Text>
        {onRetry && (
          <Button size="xs" variant="default" onClick={onRetry}>
            {t("state.retry")}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

/** Nothing here yet, and what to do about it. */
export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Stack align="center" gap="xs" py="xl" ta="center">
      <Title order={2} size="h4">
        {title}
      </Title>
      {children}
    </Stack>
  );
}
