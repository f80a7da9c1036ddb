import { Button, Stack, Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api, call, isApiError } from "../../api";
import { ErrorState } from "../../ui/states";
import { AuthFrame } from "./auth-frame";
import { RequestAndCode } from "./request-and-code";

/**
 * The page an e-mailed sign-in link opens. Opening it changes nothing (mail scanners follow
 * links); the button signs in. A used or expired link says so and offers a new one.
 */
export function LinkPage() {
  const { t } = useTranslation();
  const { token } = useSearch({ from: "/auth/link" });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const signIn = useMutation({
    mutationFn: () => call(api.POST("/api/auth/sign-in/link", { body: { token: token ?? "" } })),
    onSuccess: (session) => {
      queryClient.setQueryData(["session"], session);
      void navigate({ to: "/" });
    },
  });
  const expired =
    !token || (isApiError(signIn.error) && [400, 401, 404, 410].includes(signIn.error.status));
  if (expired) {
    return (
      <AuthFrame title={t("auth.expiredTitle")}>
        <Stack gap="md">
          <Text role="alert">{t("auth.expiredText")}</Text>
          <RequestAndCode />
        </Stack>
      </AuthFrame>
    );
  }
  return (
    <AuthFrame title={t("auth.linkTitle")}>
      <Stack gap="md">
        <Text>{t("auth.linkExplain")}</Text>
        <Button size="md" onClick={() => signIn.mutate()} loading={signIn.isPending}>
          {t("auth.signInButton")}
        </Button>
        {signIn.isError && <ErrorState error={signIn.error} />}
      </Stack>
    </AuthFrame>
  );
}
