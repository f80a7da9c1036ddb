import { Paper, Title } from "@mantine/core";
import type { ReactNode } from "react";

/** A titled part of a page; with an id, a link can lead straight to it (/me#privacy). */
export function Section({
  title,
  id,
  children,
}: {
  title: string;
  id?: string;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="md" component="section" id={id} aria-labelledby={id && `${id}-title`}>
      <Title order={2} size="h5" mb="sm" id={id && `${id}-title`}>
        {title}
      </Title>
      {children}
    </Paper>
  );
}
