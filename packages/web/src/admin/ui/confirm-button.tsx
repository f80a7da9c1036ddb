import { Button, type ButtonProps, Group, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { AdminModal } from "./admin-modal";

/**
 * A destructive or far-reaching action behind a confirmation: the button opens a dialog that
 * says what will happen; only its confirm button acts.
 */
export function ConfirmButton({
  children,
  title,
  message,
  confirmLabel,
  onConfirm,
  loading,
  color = "red",
  ...button
}: ButtonProps & {
  children: ReactNode;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  onConfirm: () => unknown | Promise<unknown>;
  loading?: boolean;
}) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button variant="light" color={color} onClick={open} {...button}>
        {children}
      </Button>
      <AdminModal opened={opened} onClose={close} title={title} centered>
        <Stack>
          {typeof message === "string" ? <Text>{message}</Text> : message}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t("admin.action.cancel")}
            </Button>
            <Button
              color={color}
              loading={loading}
              onClick={async () => {
                await onConfirm();
                close();
              }}
            >
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </AdminModal>
    </>
  );
}
