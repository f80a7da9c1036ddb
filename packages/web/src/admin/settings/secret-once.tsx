import { Alert, Button, Code, CopyButton, Group, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** A secret shown once, with a copy button and a warning that it will not be shown again. */
export function SecretOnce({ secret, note }: { secret: string; note: string }) {
  const { t } = useTranslation();
  return (
    <Alert color="yellow" title={note} role="status">
      <Stack gap="xs">
        <Code block data-testid="secret">
          {secret}
        </Code>
        <Group>
          <CopyButton value={secret}>
            {({ copied, copy }) => (
              <Button size="xs" variant="default" onClick={copy}>
                {copied
                  ? t("admin.settings.conversions.copied")
                  : t("admin.settings.conversions.copy")}
              </Button>
            )}
          </CopyButton>
          <Text size="xs">{t("admin.settings.conversions.secretOnce")}</Text>
        </Group>
      </Stack>
    </Alert>
  );
}
