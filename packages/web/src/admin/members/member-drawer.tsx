import { Button, Drawer, Group, Select, Stack, TagsInput, Text, TextInput } from "@mantine/core";
import { AdminMemberPatch } from "@sprida/core/schemas/member/member";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, call } from "../../api";
import { ROLES } from "../admin-places";
import { useAdminMutation } from "../ui/admin-mutation";
import { ConfirmButton } from "../ui/confirm-button";
import { messageFor, useFieldChecks } from "../ui/form-check";
import { MEMBERS_KEY, type MemberRow, nameOf } from "./members-queries";

type Role = (typeof ROLES)[number];

/** One member's role, group and curator topics; deactivate or reactivate behind a confirm. */
export function MemberDrawer({
  member,
  onClose,
}: {
  member: MemberRow | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Drawer
      opened={member !== undefined}
      onClose={onClose}
      position="right"
      size="md"
      title={member ? t("admin.members.manage", { name: nameOf(member) }) : ""}
      closeButtonProps={{ "aria-label": t("admin.action.close") }}
    >
      {member && <MemberForm key={member.memberId} member={member} onClose={onClose} />}
    </Drawer>
  );
}

function MemberForm({ member, onClose }: { member: MemberRow; onClose: () => void }) {
  const { t } = useTranslation();
  const name = nameOf(member);
  const [role, setRole] = useState<Role>(member.role);
  const [office, setOffice] = useState(member.segment.office ?? "");
  const [unit, setUnit] = useState(member.segment.unit ?? "");
  const [competenceArea, setCompetenceArea] = useState(member.segment.competenceArea ?? "");
  const [topics, setTopics] = useState(member.curatorTopics ?? []);
  const { errors, passes } = useFieldChecks();
  const path = { params: { path: { memberId: member.memberId } } };
  const patch = () => ({
    ...(role !== member.role && { role }),
    segment: {
      ...(office && { office }),
      ...(unit && { unit }),
      ...(competenceArea && { competenceArea }),
    },
    ...(role === "curator" && { curatorTopics: topics }),
  });
  const save = useAdminMutation({
    mutationFn: () => call(api.PATCH("/api/admin/members/{memberId}", { ...path, body: patch() })),
    invalidate: [MEMBERS_KEY],
    success: t("admin.members.saved"),
    quiet: true,
    onDone: onClose,
  });
  const deactivate = useAdminMutation({
    mutationFn: () => call(api.POST("/api/admin/members/{memberId}/deactivate", path)),
    invalidate: [MEMBERS_KEY],
    success: t("admin.members.deactivated"),
    onDone: onClose,
  });
  const reactivate = useAdminMutation({
    mutationFn: () => call(api.POST("/api/admin/members/{memberId}/reactivate", path)),
    invalidate: [MEMBERS_KEY],
    success: t("admin.members.reactivated"),
    onDone: onClose,
  });
  const errorFor = (field: string) => messageFor(field, errors, save.error);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (passes(AdminMemberPatch, patch())) save.mutate(undefined);
      }}
    >
      <Stack>
        <Text size="sm" c="dimmed">
          {member.email}
        </Text>
        <Select
          label={t("admin.members.role")}
          value={role}
          onChange={(value) => value && setRole(value as Role)}
          data={ROLES.map((value) => ({ value, label: t(`admin.role.${value}`) }))}
          allowDeselect={false}
          error={errorFor("role")}
        />
        {role === "curator" && (
          <TagsInput
            label={t("admin.members.curatorTopics")}
            description={t("admin.members.curatorTopicsHelp")}
            value={topics}
            onChange={setTopics}
            error={errorFor("curatorTopics")}
          />
        )}
        <TextInput
          label={t("admin.members.office")}
          value={office}
          onChange={(event) => setOffice(event.currentTarget.value)}
          error={errorFor("segment.office")}
        />
        <TextInput
          label={t("admin.members.unit")}
          value={unit}
          onChange={(event) => setUnit(event.currentTarget.value)}
          error={errorFor("segment.unit")}
        />
        <TextInput
          label={t("admin.members.competenceArea")}
          value={competenceArea}
          onChange={(event) => setCompetenceArea(event.currentTarget.value)}
          error={errorFor("segment.competenceArea")}
        />
        {save.error && !Object.keys(errors).length && (
          <Text c="red" role="alert">
            {save.error.message}
          </Text>
        )}
        <Group justify="space-between">
          {member.status === "deactivated" ? (
            <Button
              variant="default"
              onClick={() => reactivate.mutate(undefined)}
              loading={reactivate.isPending}
            >
              {t("admin.members.reactivate")}
            </Button>
          ) : member.status === "active" ? (
            <ConfirmButton
              title={t("admin.members.deactivateTitle", { name })}
              message={t("admin.members.deactivateText", { name })}
              confirmLabel={t("admin.members.deactivate")}
              onConfirm={() => deactivate.mutateAsync(undefined)}
              loading={deactivate.isPending}
            >
              {t("admin.members.deactivate")}
            </ConfirmButton>
          ) : (
            <span />
          )}
          <Button type="submit" loading={save.isPending}>
            {t("admin.action.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
