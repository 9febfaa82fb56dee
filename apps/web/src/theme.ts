import { createTheme } from '@mantine/core';

/** System fonts first; Noto/DejaVu cover Armenian and Georgian where the system UI font does not. */
const FONT_STACK =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Armenian", "Noto Sans Georgian", "DejaVu Sans", "Helvetica Neue", Arial, sans-serif';

export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 6, dark: 5 },
  defaultRadius: 'md',
  fontFamily: FONT_STACK,
  headings: { fontFamily: FONT_STACK, fontWeight: '650' },
  cursorType: 'pointer',
  focusRing: 'auto',
  components: {
    Button: { defaultProps: { fw: 600 } },
    // Sentence case reads better than all-caps in Armenian and Georgian (no Mtavruli shouting).
    // Badges carry short labels that must stay readable: never truncate them to "Aշխատ…".
    Badge: {
      defaultProps: { tt: 'none', fw: 600 },
      styles: { root: { flexShrink: 0, minWidth: 'max-content' } },
    },
    Card: { defaultProps: { withBorder: true, radius: 'md', padding: 'lg' } },
    Paper: { defaultProps: { radius: 'md' } },
    Table: { defaultProps: { verticalSpacing: 'sm', horizontalSpacing: 'md' } },
    Tooltip: { defaultProps: { withArrow: true, openDelay: 300 } },
  },
});
