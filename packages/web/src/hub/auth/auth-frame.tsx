import { Container, Group, Paper, SegmentedControl, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { type Locale, setLocale } from "../../i18n/i18n";

/** The frame of the pages before signing in: the name, the language switch, one card. */
export function AuthFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  return (
    <Container size={460} py="xl" component="main">
      <Stack gap="md">
        <Group justify="space-between">
          <Text fw={800} size="lg" c="blue.8">
            Sprida
          </Text>
          <SegmentedControl
            size="xs"
            aria-label={t("me.language")}
            value={i18n.language}
            onChange={(value) => void setLocale(value as Locale)}
            data={[
              { value: "sv", label: "Svenska" },
              { value: "en", label: "English" },
            ]}
          />
        </Group>
        <Paper withBorder p="lg">
          <Title order={1} size="h3" mb="md">
            {title}
          </Title>
          {children}
        </Paper>
      </Stack>
    </Container>
  );
}
