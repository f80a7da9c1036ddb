import { notifications } from "@mantine/notifications";
import i18next from "i18next";
import { isApiError } from "../../api";

/** A short "it worked" in the corner (announced politely to screen readers). */
export function notifySaved(message = i18next.t("admin.notify.saved")) {
  notifications.show({
    color: "green",
    title: message,
    message: "",
    autoClose: 4_000,
    ...closable(),
  });
}

/** What failed and that nothing changed, in the API's words when it gave any. */
export function notifyFailed(error: unknown) {
  const reason = isApiError(error) && !error.offline ? error.message : i18next.t("state.errorText");
  notifications.show({
    color: "red",
    title: i18next.t("admin.notify.failed"),
    message: i18next.t("admin.notify.failedText", { reason }),
    autoClose: 8_000,
    ...closable(),
  });
}

/** The notification's close button, named for screen readers. */
const closable = () => ({ closeButtonProps: { "aria-label": i18next.t("admin.action.close") } });
