import { type CSSVariablesResolver, createTheme } from "@mantine/core";

/**
 * One calm accent and readable greys. Mantine's defaults fail WCAG AA contrast (primary
 * `#228be6` 3.55:1, dimmed `#868e96` 3.32:1): the primary shade 8 and a darker "dimmed" pass.
 */
export const theme = createTheme({
  primaryColor: "blue",
  primaryShade: { light: 8, dark: 4 },
  defaultRadius: "md",
  fontFamily:
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif",
  focusRing: "auto",
});

export const cssVariables: CSSVariablesResolver = (t) => ({
  variables: {},
  light: { "--mantine-color-dimmed": t.colors.gray[7] ?? "#495057" },
  dark: {},
});
