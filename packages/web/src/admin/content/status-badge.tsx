import { Badge, Group } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ContentItem } from "./content-queries";

/** Filled for what is live, outlined otherwise: the words carry the meaning, not the colour. */
const VARIANT = {
  draft: "outline",
  scheduled: "light",
  published: "filled",
  archived: "outline",
} as const;

/** An item's status in words (never by colour alone), and whether it awaits approval. */
export function StatusBadge({
  item,
}: {
  item: Pick<ContentItem, "status" | "awaitingApproval" | "featured">;
}) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      <Badge variant={VARIANT[item.status]} color="dark">
        {t(`admin.content.status.${item.status}`)}
      </Badge>
      {item.awaitingApproval && (
        <Badge variant="outline" color="dark">
          {t("admin.content.awaiting")}
        </Badge>
      )}
      {item.featured && (
        <Badge variant="outline" color="gray">
          {t("admin.content.featured")}
        </Badge>
      )}
    </Group>
  );
}
