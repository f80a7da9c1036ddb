import { useTranslation } from "react-i18next";
import { PageHeader } from "../ui/page-header";

export function MembersPage() {
  const { t } = useTranslation();
  return <PageHeader title={t("admin.nav.members")} />;
}
