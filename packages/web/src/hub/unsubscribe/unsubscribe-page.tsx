import { Alert, Anchor, Button, Stack, Text } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useSearch } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api, call, isApiError } from "../../api";
import { ErrorState, Loading } from "../../ui/states";
import { AuthFrame } from "../auth/auth-frame";

/**
 * The page an e-mail's unsubscribe link opens. Opening it changes nothing (mail scanners follow
 * links); its button unsubscribes, and another subscribes again. No sign-in needed: the link's
 * signed token names the member and the e-mail.
 */
export function UnsubscribePage() {
  const { t } = useTranslation();
  const { token = "" } = useSearch({ from: "/unsubscribe" });
  const queryClient = useQueryClient();
  const key = ["unsubscribe", token];
  const subscription = useQuery({
    queryKey: key,
    queryFn: () => call(api.GET("/api/unsubscribe", { params: { query: { token } } })),
    enabled: token !== "",
    retry: false,
  });
  const change = useMutation({
    mutationFn: (subscribed: boolean) =>
      call(api.POST("/api/unsubscribe", { body: { token, subscribed } })),
    onSuccess: (answer) => queryClient.setQueryData(key, answer),
  });
  const invalid =
    token === "" ||
    (isApiError(subscription.error) && [400, 401, 404].includes(subscription.error.status));
  if (invalid) {
    return (
      <AuthFrame title={t("unsubscribe.invalidTitle")}>
        <Stack gap="md">
          <Text role="alert">{t("unsubscribe.invalidText")}</Text>
          <AllChoices />
        </Stack>
      </AuthFrame>
    );
  }
  if (subscription.isPending) {
    return (
      <AuthFrame title={t("unsubscribe.title")}>
        <Loading label={t("unsubscribe.loading")} />
      </AuthFrame>
    );
  }
  if (subscription.isError) {
    return (
      <AuthFrame title={t("unsubscribe.title")}>
        <ErrorState error={subscription.error} onRetry={() => subscription.refetch()} />
      </AuthFrame>
    );
  }
  const { kind, orgName, subscribed } = subscription.data;
  const words = { mail: t(`unsubscribe.kind.${kind}`), org: orgName };
  return (
    <AuthFrame title={t("unsubscribe.title")}>
      <Stack gap="md">
        {subscribed ? (
          <>
            {change.isSuccess ? (
              <Alert color="green" role="status">
                {t("unsubscribe.subscribed", words)}
              </Alert>
            ) : (
              <Text>{t("unsubscribe.question", words)}</Text>
            )}
            <Button size="md" onClick={() => change.mutate(false)} loading={change.isPending}>
              {t("unsubscribe.button")}
            </Button>
          </>
        ) : (
          <>
            <Alert color={change.isSuccess ? "green" : "blue"} role="status">
              {change.isSuccess ? t("unsubscribe.done", words) : t("unsubscribe.already", words)}
            </Alert>
            <Button
              variant="default"
              onClick={() => change.mutate(true)}
              loading={change.isPending}
            >
              {t("unsubscribe.again")}
            </Button>
          </>
        )}
        {change.isError && <ErrorState error={change.error} />}
        <AllChoices />
      </Stack>
    </AuthFrame>
  );
}

function AllChoices() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/me" hash="mail">
      {t("unsubscribe.allChoices")}
    </Anchor>
  );
}
