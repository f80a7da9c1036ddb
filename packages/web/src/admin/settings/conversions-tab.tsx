import { Button, Code, Group, Stack, Table, Text, Textarea, TextInput, Title } from "@mantine/core";
import { SigningKeyInput } from "@sprida/core/schemas/auth/signing-key";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, call } from "../../api";
import { useFormat } from "../../i18n/format";
import { ErrorState, Loading } from "../../ui/states";
import { useAdminMutation } from "../ui/admin-mutation";
import { ConfirmButton } from "../ui/confirm-button";
import { messageFor, useFieldChecks } from "../ui/form-check";
import { SecretOnce } from "./secret-once";
import { SETTINGS_KEY, SettingsQueries } from "./settings-queries";

/** Conversions (owners): signing keys, the pixel snippet, the signed report, CSV import. */
export function ConversionsTab() {
  const { t } = useTranslation();
  const origin = window.location.origin;
  const pixel = `<img src="${origin}/api/conversions/pixel.gif?sid=SID_FROM_THE_LANDING_URL" width="1" height="1" alt="">`;
  const report = `curl -X POST ${origin}/api/conversions/report \\
  -H "content-type: application/json" \\
  -H "Sprida-Key-Id: KEY_ID" \\
  -H "Sprida-Signature: t=UNIX_SECONDS,v1=HMAC_SHA256_HEX_OF_T.BODY" \\
  -d '{"sid":"SID","orderId":"A-1001","value":49900,"currency":"SEK"}'`;
  return (
    <Stack gap="xl" maw={900}>
      <Text>{t("admin.settings.conversions.intro")}</Text>
      <SigningKeys />
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t("admin.settings.conversions.pixel")}
        </Title>
        <Text size="sm">{t("admin.settings.conversions.pixelHelp")}</Text>
        <Code block data-testid="pixel-snippet">
          {pixel}
        </Code>
      </Stack>
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t("admin.settings.conversions.report")}
        </Title>
        <Code block>{report}</Code>
      </Stack>
      <CsvImport />
    </Stack>
  );
}

function SigningKeys() {
  const { t } = useTranslation();
  const format = useFormat();
  const keys = useQuery(SettingsQueries.signingKeys());
  const [name, setName] = useState("");
  const { errors, passes } = useFieldChecks();
  const create = useAdminMutation({
    mutationFn: () => call(api.POST("/api/admin/signing-keys", { body: { name } })),
    invalidate: [SETTINGS_KEY],
    quiet: true,
    onDone: () => setName(""),
  });
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        {t("admin.settings.conversions.keys")}
      </Title>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (passes(SigningKeyInput, { name })) create.mutate(undefined);
        }}
      >
        <Group align="flex-end">
          <TextInput
            label={t("admin.settings.conversions.keyName")}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={messageFor("name", errors, create.error)}
          />
          <Button type="submit" loading={create.isPending}>
            {t("admin.settings.conversions.createKey")}
          </Button>
        </Group>
      </form>
      {create.data && (
        <SecretOnce
          secret={create.data.secret}
          note={`${create.data.name} · ${create.data.keyId}`}
        />
      )}
      {keys.isPending ? (
        <Loading />
      ) : keys.isError ? (
        <ErrorState error={keys.error} onRetry={() => keys.refetch()} />
      ) : keys.data.keys.length === 0 ? (
        <Text c="dimmed">{t("admin.settings.conversions.noKeys")}</Text>
      ) : (
        <Table aria-label={t("admin.settings.conversions.keys")}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("admin.settings.conversions.column.name")}</Table.Th>
              <Table.Th scope="col">{t("admin.settings.conversions.column.id")}</Table.Th>
              <Table.Th scope="col">{t("admin.settings.conversions.column.created")}</Table.Th>
              <Table.Th scope="col">{t("admin.settings.conversions.revoke")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {keys.data.keys.map((key) => (
              <KeyRow
                key={key.keyId}
                keyId={key.keyId}
                name={key.name}
                created={format.age(key.createdAt)}
              />
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function KeyRow({ keyId, name, created }: { keyId: string; name: string; created: string }) {
  const { t } = useTranslation();
  const revoke = useAdminMutation({
    mutationFn: () =>
      call(api.DELETE("/api/admin/signing-keys/{keyId}", { params: { path: { keyId } } })),
    invalidate: [SETTINGS_KEY],
  });
  return (
    <Table.Tr data-testid={`key-${name}`}>
      <Table.Td>{name}</Table.Td>
      <Table.Td>
        <Code>{keyId}</Code>
      </Table.Td>
      <Table.Td>{created}</Table.Td>
      <Table.Td>
        <ConfirmButton
          size="xs"
          title={t("admin.settings.conversions.revokeTitle", { name })}
          message={t("admin.settings.conversions.revokeText")}
          confirmLabel={t("admin.settings.conversions.revoke")}
          onConfirm={() => revoke.mutateAsync(undefined)}
          loading={revoke.isPending}
        >
          {t("admin.settings.conversions.revoke")}
        </ConfirmButton>
      </Table.Td>
    </Table.Tr>
  );
}

function CsvImport() {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const upload = useAdminMutation({
    mutationFn: () =>
      call(
        api.POST("/api/admin/conversions/csv", {
          body: text,
          bodySerializer: (body: string) => body,
          headers: { "content-type": "text/csv" },
        }),
      ),
    invalidate: [["admin", "overview"]],
  });
  const rows = upload.data?.rows ?? [];
  const count = (outcome: string) => rows.filter((row) => row.outcome === outcome).length;
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t("admin.settings.conversions.csv")}
      </Title>
      <Textarea
        label={t("admin.settings.conversions.csvHelp")}
        autosize
        minRows={3}
        ff="monospace"
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
      />
      <Button
        onClick={() => upload.mutate(undefined)}
        disabled={!text.trim()}
        loading={upload.isPending}
        w="fit-content"
      >
        {t("admin.settings.conversions.csvSend")}
      </Button>
      {rows.length > 0 && (
        <Text role="status">
          {t("admin.settings.conversions.csvResult", {
            recorded: count("recorded"),
            duplicate: count("duplicate"),
            failed: count("error"),
          })}
        </Text>
      )}
    </Stack>
  );
}
