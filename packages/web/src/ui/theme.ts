import {
  type CSSVariablesResolver,
  createTheme,
  defaultVariantColorsResolver,
  type VariantColorsResolver,
} from "@mantine/core";

/**
 * Variants whose text is the colour itself (light, subtle, outline, transparent: badges, light
 * and subtle buttons) use a shade that fails AA contrast on white or on the colour's own tint:
 * their text takes the darkest shade.
 */
const TEXT_IN_COLOUR = new Set(["light", "subtle", "outline", "transparent"]);
const readableLightVariants: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  if (!TEXT_IN_COLOUR.has(input.variant)) return colors;
  const color = input.color ?? input.theme.primaryColor;
  if (!input.theme.colors[color]) return colors;
  const tinted = input.variant === "light" || input.variant === "subtle";
  return {
    ...colors,
    color: `var(--mantine-color-${color}-9)`,
    hoverColor: `var(--mantine-color-${color}-9)`,
    // The hovered tint stays light enough for that text (Mantine's is shade 2: 4.0:1).
    ...(tinted && { hover: `var(--mantine-color-${color}-1)` }),
  };
};

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
  variantColorResolver: readableLightVariants,
  components: {
    // An alert's colour is its border and tint; its title reads in the text colour (AA).
    Alert: { styles: { title: { color: "var(--mantine-color-text)" } } },
    // Links in running text are told apart by more than colour.
    Anchor: { defaultProps: { underline: "always" } },
  },
});

export const cssVariables: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    "--mantine-color-dimmed": t.colors.gray[7] ?? "#495057",
    // Field errors: red 6 is 3.3:1 on white; red 9 passes AA.
    "--mantine-color-error": t.colors.red[9] ?? "#c92a2a",
  },
  dark: {},
});
