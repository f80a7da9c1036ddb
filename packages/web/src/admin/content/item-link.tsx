import { Anchor } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import type { ReactNode } from "react";

/** A link to an item's editor, styled as running text. */
export function ItemLink({ contentId, children }: { contentId: string; children: ReactNode }) {
  return (
    <Anchor
      renderRoot={(props) => (
        <Link {...props} to="/admin/content/$contentId" params={{ contentId }} />
      )}
    >
      {children}
    </Anchor>
  );
}
