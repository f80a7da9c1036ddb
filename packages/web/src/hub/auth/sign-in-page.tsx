import { useSearch } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { AuthFrame } from "./auth-frame";
import { RequestAndCode } from "./request-and-code";
/** Sign in: a link by e-mail, or the six-digit code from the same e-mail. */
export function SignInPage() {
  const { t } = useTranslation();
  const { next } = useSearch({ from: "/auth" });
  return (
    <AuthFrame title={t("auth.signInTitle")}>
      <RequestAndCode next={next} />
    </AuthFrame>
  );
}
