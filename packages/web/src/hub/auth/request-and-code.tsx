import { Alert, Button, Divider, PinInput, Stack, Text, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, call, fieldError } from "../../api";
import { ErrorState } from "../../ui/states";

/** Ask for a sign-in link by e-mail, or sign in with the six-digit code from that e-mail. */
export function RequestAndCode({ next }: { next?: string | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState("");
  const [code, setCode] = useState("");
  const request = useMutation({
    mutationFn: () =>
      call(api.POST("/api/auth/sign-in/request", { body: { email: email.trim() } })),
  });
  const withCode = useMutation({
    mutationFn: () =>
      call(api.POST("/api/auth/sign-in/code", { body: { email: email.trim(), code } })),
    onSuccess: (session) => {
      queryClient.setQueryData(["session"], session);
      void navigate({ to: safeNext(next) });
    },
  });
  return (
    <Stack gap="md">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          request.mutate();
        }}
      >
        <Stack gap="sm">
          <TextInput
            label={t("auth.email")}
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={fieldError(request.error, "email")}
          />
          <Button type="submit" loading={request.isPending}>
            {t("auth.sendLink")}
          </Button>
          {request.isSuccess && (
            <Alert color="green" role="status" title={t("auth.checkInbox")}>
              {t("auth.checkInboxText")}
            </Alert>
          )}
          {request.isError && !fieldError(request.error, "email") && (
            <ErrorState error={request.error} />
          )}
        </Stack>
      </form>
      <Divider label={t("auth.orCode")} labelPosition="center" />
      <form
        onSubmit={(event) => {
          event.preventDefault();
          withCode.mutate();
        }}
      >
        <Stack gap="sm">
          <Text size="sm" id="code-label">
            {t("auth.codeLabel")}
          </Text>
          <PinInput
            length={6}
            type="number"
            oneTimeCode
            value={code}
            onChange={setCode}
            aria-labelledby="code-label"
            getInputProps={(index) => ({ "aria-label": t("auth.codeDigit", { n: index + 1 }) })}
          />
          <Button
            type="submit"
            variant="light"
            loading={withCode.isPending}
            disabled={code.length !== 6 || !email}
          >
            {t("auth.useCode")}
          </Button>
          {withCode.isError && <ErrorState error={withCode.error} />}
        </Stack>
      </form>
    </Stack>
  );
}

/** Only a path on this origin, never another site: "next" arrives in a URL anyone can make. */
export function safeNext(next: string | undefined): string {
  return next?.startsWith("/") && !next.startsWith("//") && !next.startsWith("/auth") ? next : "/";
}
