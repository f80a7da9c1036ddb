import { Button, Stack, Text } from "@mantine/core";
import { Link, useSearch } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { AuthFrame } from "./auth-frame";

/** After signing out or leaving: what happened, and the way back in. */
export function SignedOutPage() {
  const { t } = useTranslation();
  const { left } = useSearch({ from: "/auth/signed-out" });
  return (
    <AuthFrame title={left ? t("auth.leftTitle") : t("auth.signedOutTitle")}>
      <Stack gap="md" role="status">
        <Text>{left ? t("auth.leftText") : t("auth.signedOutText")}</Text>
        {!left && (
          <Button component={Link} to="/auth" w="fit-content">
            {t("auth.signInAgain")}
          </Button>
        )}
      </Stack>
    </AuthFrame>
  );
}
