import { Button, Container, Stack, Text, Title } from "@mantine/core";
import { Component, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** Whatever breaks in rendering ends here: a plain message and a way back, never a stack. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override render() {
    return this.state.failed ? <Broken /> : this.props.children;
  }
}

export function Broken() {
  const { t } = useTranslation();
  return (
    <Container size="xs" py="xl">
      <Stack>
        <Title order={1} size="h3">
          {t("state.brokenTitle")}
        </Title>
        <Text>{t("state.brokenText")}</Text>
        <Button component="a" href="/" w="fit-content">
          {t("state.backToFeed")}
        </Button>
      </Stack>
    </Container>
  );
}
