import { Alert, Radio, Stack, Switch } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { intlLocale } from "../../i18n/format";
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
  const { t, i18n } = useTranslation();
  const digestOn = me.privacy.weeklyDigest;
  const runsProgramme = me.role === "admin" || me.role === "owner";
  // The digest picks from the followed topics, or from everything when the member follows none.
  const topics = me.followedTopics.length
    ? t("mail.digestTopics", {
        topics: new Intl.ListFormat(intlLocale(i18n.language), { type: "conjunction" }).format(
          me.followedTopics,
        ),
      })
    : t("mail.digestAllTopics");
  return (
    <Stack gap="md">
      {me.mailSuppressed && (
        <Alert color="orange" variant="light">
          {t("mail.suppressed")}
        </Alert>
      )}
      <Switch
        label={t("mail.digest")}
        description={`${t("mail.digestExplain")} ${topics}`}
        checked={digestOn}
        onChange={(event) =>
          onChange({ privacy: { ...me.privacy, weeklyDigest: event.currentTarget.checked } })
        }
      />
      <Radio.Group
        label={t("mail.every")}
        value={String(me.mail.digestEveryWeeks)}
        onChange={(value) => onChange({ mail: { digestEveryWeeks: Number(value) as 1 | 2 | 4 } })}
      >
        <Stack gap="xs" mt="xs">
          {(["1", "2", "4"] as const).map((every) => (
            <Radio key={every} value={every} label={t(`mail.every${every}`)} disabled={!digestOn} />
          ))}
        </Stack>
      </Radio.Group>
      <Radio.Group
        label={t("mail.contentLabel")}
        value={me.mail.digestWithImpact ? "impact" : "content"}
        onChange={(value) => onChange({ mail: { digestWithImpact: value === "impact" } })}
      >
        <Stack gap="xs" mt="xs">
          <Radio value="impact" label={t("mail.withImpact")} disabled={!digestOn} />
          <Radio value="content" label={t("mail.contentOnly")} disabled={!digestOn} />
        </Stack>
      </Radio.Group>
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
