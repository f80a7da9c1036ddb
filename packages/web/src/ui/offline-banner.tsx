import { Alert } from "@mantine/core";
import { useNetwork } from "@mantine/hooks";
import { useTranslation } from "react-i18next";

/** Says so when the device is offline: what is on screen stays, nothing new loads. */
export function OfflineBanner() {
  const { t } = useTranslation();
  const { online } = useNetwork();
  if (online) return null;
  return (
    <Alert color="gray" role="status" radius={0} py="xs">
      {t("state.offlineText")}
    </Alert>
  );
}
