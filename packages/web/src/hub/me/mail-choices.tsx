import { Alert, SegmentedControl, Stack, Switch, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Me } from "../types";

type Patch = {
  privacy?: Me["privacy"];
  mail?: Partial<Me["mail"]>;
};

/**
 * The weekly e-mails as the member wants them: the digest on or off, how often, with or
 * without their own points; for admins and owners, the admin report. Each change saves.
 */
export function MailChoices({ me, onChange }: { me: Me; onChange: (patch: Patch) => void }) {
  const { t } = useTranslation();
  const digestOn = me.privacy.weeklyDigest;
  const runsProgramme = me.role === "admin" || me.role === "owner";
  return (
    <Stack gap="md">
      {me.mailSuppressed && (
        <Alert color="orange" variant="light">
          {t("mail.suppressed")}
        </Alert>
      )}
      <Switch
        label={t("mail.digest")}
        description={t("mail.digestExplain")}
        checked={digestOn}
        onChange={(event) =>
          onChange({ privacy: { ...me.privacy, weeklyDigest: event.currentTarget.checked } })
        }
      />
      <Stack gap={4}>
        <Text size="sm" fw={500} id="digest-every">
          {t("mail.every")}
        </Text>
        <SegmentedControl
          aria-labelledby="digest-every"
          disabled={!digestOn}
          value={String(me.mail.digestEveryWeeks)}
          onChange={(value) => onChange({ mail: { digestEveryWeeks: Number(value) as 1 | 2 | 4 } })}
          data={[
            { value: "1", label: t("mail.every1") },
            { value: "2", label: t("mail.every2") },
            { value: "4", label: t("mail.every4") },
          ]}
        />
      </Stack>
      <Stack gap={4}>
        <Text size="sm" fw={500} id="digest-content">
          {t("mail.contentLabel")}
        </Text>
        <SegmentedControl
          aria-labelledby="digest-content"
          disabled={!digestOn}
          value={me.mail.digestWithImpact ? "impact" : "content"}
          onChange={(value) => onChange({ mail: { digestWithImpact: value === "impact" } })}
          data={[
            { value: "impact", label: t("mail.withImpact") },
            { value: "content", label: t("mail.contentOnly") },
          ]}
        />
      </Stack>
      {runsProgramme && (
        <Switch
          label={t("mail.adminReport")}
          description={t("mail.adminReportExplain")}
          checked={me.mail.adminReport}
          onChange={(event) => onChange({ mail: { adminReport: event.currentTarget.checked } })}
        />
      )}
    </Stack>
  );
}
