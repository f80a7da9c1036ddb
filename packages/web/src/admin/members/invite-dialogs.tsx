import {
  Alert,
  Anchor,
  Button,
  FileInput,
  Group,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { AdminInvite } from "@sprida/core/schemas/member/member";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, call } from "../../api";
import { ROLES } from "../admin-places";
import { AdminModal } from "../ui/admin-modal";
import { useAdminMutation } from "../ui/admin-mutation";
import { messageFor, useFieldChecks } from "../ui/form-check";
import { csvHref, errorReport, INVITE_TEMPLATE } from "./csv-report";
import { MEMBERS_KEY } from "./members-queries";

/** Invite one colleague: address, name, role (checked with the API's own schema). */
export function InviteDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [role, setRole] = useState<(typeof ROLES)[number]>("member");
  const { errors, passes } = useFieldChecks();
  const body = () => ({ email, role, ...(displayName && { displayName }) });
  const invite = useAdminMutation({
    mutationFn: () => call(api.POST("/api/admin/invites", { body: body() })),
    invalidate: [MEMBERS_KEY],
    success: t("admin.members.sent"),
    quiet: true,
    onDone: () => {
      setEmail("");
      setDisplayName("");
      setRole("member");
      onClose();
    },
  });
  const errorFor = (path: string) => messageFor(path, errors, invite.error);
  return (
    <AdminModal opened={opened} onClose={onClose} title={t("admin.members.inviteTitle")}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (passes(AdminInvite, body())) invite.mutate(undefined);
        }}
      >
        <Stack>
          <TextInput
            label={t("admin.members.email")}
            type="email"
            required
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={errorFor("email")}
            data-autofocus
          />
          <TextInput
            label={t("admin.members.displayName")}
            value={displayName}
            onChange={(event) => setDisplayName(event.currentTarget.value)}
            error={errorFor("displayName")}
          />
          <Select
            label={t("admin.members.role")}
            value={role}
            onChange={(value) => value && setRole(value as typeof role)}
            data={ROLES.map((value) => ({ value, label: t(`admin.role.${value}`) }))}
            allowDeselect={false}
          />
          {invite.error && !errorFor("email") && (
            <Alert color="red" role="alert">
              {invite.error.message}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("admin.action.cancel")}
            </Button>
            <Button type="submit" loading={invite.isPending}>
              {t("admin.members.send")}
            </Button>
          </Group>
        </Stack>
      </form>
    </AdminModal>
  );
}

/** Invite many: a CSV file or pasted rows, a result per row and the failed rows to download. */
export function CsvInviteDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const invite = useAdminMutation({
    mutationFn: (csv: string) =>
      call(
        api.POST("/api/admin/invites/csv", {
          body: csv,
          bodySerializer: (body: string) => body,
          headers: { "content-type": "text/csv" },
        }),
      ),
    invalidate: [MEMBERS_KEY],
    success: t("admin.members.sent"),
  });
  const rows = invite.data?.rows ?? [];
  const count = (outcome: string) => rows.filter((row) => row.outcome === outcome).length;
  const close = () => {
    setText("");
    invite.reset();
    onClose();
  };
  return (
    <AdminModal opened={opened} onClose={close} title={t("admin.members.csvTitle")} size="lg">
      <Stack>
        <Text size="sm">{t("admin.members.csvHelp")}</Text>
        <Anchor href={csvHref(INVITE_TEMPLATE)} download="sprida-invitations.csv" size="sm">
          {t("admin.members.csvTemplate")}
        </Anchor>
        <FileInput
          label={t("admin.members.csvFile")}
          accept=".csv,text/csv"
          onChange={async (file) => setText(file ? await file.text() : "")}
          clearable
        />
        <Textarea
          label={t("admin.members.csvPaste")}
          autosize
          minRows={4}
          maxRows={10}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          ff="monospace"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t("admin.action.close")}
          </Button>
          <Button
            onClick={() => invite.mutate(text)}
            disabled={!text.trim()}
            loading={invite.isPending}
          >
            {t("admin.members.csvSend")}
          </Button>
        </Group>
        {rows.length > 0 && (
          <Stack gap="xs" data-testid="csv-results">
            <Text fw={600} role="status">
              {t("admin.members.csvResults", {
                invited: count("invited"),
                already: count("already_member"),
                failed: count("error"),
              })}
            </Text>
            <Table fz="sm" aria-label={t("admin.members.result")}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("admin.members.row")}</Table.Th>
                  <Table.Th scope="col">{t("admin.members.column.email")}</Table.Th>
                  <Table.Th scope="col">{t("admin.members.result")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => (
                  <Table.Tr key={row.row}>
                    <Table.Td>{row.row}</Table.Td>
                    <Table.Td>{row.email}</Table.Td>
                    <Table.Td>
                      {t(`admin.members.outcome.${row.outcome}`)}
                      {row.message && `: ${row.message}`}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {count("error") > 0 && (
              <Anchor
                href={csvHref(errorReport(rows))}
                download="sprida-invitation-errors.csv"
                data-testid="csv-error-report"
              >
                {t("admin.members.csvErrors")}
              </Anchor>
            )}
          </Stack>
        )}
      </Stack>
    </AdminModal>
  );
}
