import { Drawer, Modal } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import type { FeedItem } from "../types";
import { ShareFlow } from "./share-flow";

/** The share sheet: a bottom drawer on a phone, a dialog on a wider screen. */
export function ShareSheet({ item, onClose }: { item: FeedItem | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const phone = useMediaQuery("(max-width: 48em)", true, { getInitialValueInEffect: false });
  const title = t("share.title");
  const body = item && <ShareFlow key={item.contentId} item={item} onDone={onClose} />;
  return phone ? (
    <Drawer
      opened={item !== undefined}
      onClose={onClose}
      position="bottom"
      size="auto"
      title={title}
      radius="md"
      closeButtonProps={{ "aria-label": t("share.close") }}
    >
      {body}
    </Drawer>
  ) : (
    <Modal
      opened={item !== undefined}
      onClose={onClose}
      title={title}
      size="lg"
      centered
      closeButtonProps={{ "aria-label": t("share.close") }}
    >
      {body}
    </Modal>
  );
}
