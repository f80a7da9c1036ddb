import { Stack, Switch } from "@mantine/core";
import { useTranslation } from "react-i18next";

export type PrivacyChoice = { namedToAdmins: boolean; weeklyDigest: boolean };

/**
 * Two choices, each with what it means in plain words; both can change at any time. The
 * profile shows the digest with its other e-mail choices instead (`withDigest={false}`).
 */
export function PrivacyChoices({
  value,
  onChange,
  withDigest = true,
}: {
  value: PrivacyChoice;
  onChange: (value: PrivacyChoice) => void;
  withDigest?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Switch
        label={t("profile.named")}
        description={t("profile.namedExplain")}
        checked={value.namedToAdmins}
        onChange={(event) => onChange({ ...value, namedToAdmins: event.currentTarget.checked })}
      />
      {withDigest && (
        <Switch
          label={t("profile.digest")}
          description={t("profile.digestExplain")}
          checked={value.weeklyDigest}
          onChange={(event) => onChange({ ...value, weeklyDigest: event.currentTarget.checked })}
        />
      )}
    </Stack>
  );
}
