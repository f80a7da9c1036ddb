import { Button, Container, Stack, Text, Title } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Container size="xs" py="xl" component="main">
      <Stack>
        <Title order={1} size="h3">
          {t("state.notFoundTitle")}
        </Title>
        <Text>{t("state.notFoundText")}</Text>
        <Button component={Link} to="/" w="fit-content">
          {t("state.backToFeed")}
        </Button>
      </Stack>
    </Container>
  );
}
