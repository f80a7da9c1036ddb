import { Modal, type ModalProps } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** A dialog of the admin site: its close button named for screen readers. */
export function AdminModal(props: ModalProps) {
  const { t } = useTranslation();
  return <Modal closeButtonProps={{ "aria-label": t("admin.action.close") }} {...props} />;
}
