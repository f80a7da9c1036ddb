import { useTranslation } from "react-i18next";
import { PageHeader } from "../ui/page-header";

export function AuditPage() {
  const { t } = useTranslation();
  return <PageHeader title={t("admin.nav.audit")} />;
}
