import { Group, Text, ThemeIcon } from '@mantine/core';

type TLogoProps = { size?: 'sm' | 'lg' };

export function Logo({ size = 'sm' }: TLogoProps) {
  const iconSize = size === 'lg' ? 40 : 30;
  return (
    <Group gap={8} wrap="nowrap" aria-label="Kap">
      <ThemeIcon
        size={iconSize}
        radius="md"
        variant="gradient"
        gradient={{ from: 'indigo.6', to: 'violet.5', deg: 135 }}
      >
        <svg viewBox="0 0 32 32" width={iconSize * 0.75} height={iconSize * 0.75} aria-hidden="true">
          <path
            d="M10 8v16M10 16l9-8M13.5 13l6.5 11"
            stroke="currentColor"
            strokeWidth="3"
            strokeLinecap="round"
            strokeLinejoin="round"
            fill="none"
          />
        </svg>
      </ThemeIcon>
      <Text fw={750} fz={size === 'lg' ? 26 : 19} lts={-0.4}>
        Kap
      </Text>
    </Group>
  );
}
