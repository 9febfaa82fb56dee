const GEORGIAN = /[\u10A0-\u10FF]/;

/**
 * Up to two initials for an avatar. Upper-cased, except Georgian: its capitals (Mtavruli, since
 * Unicode 11) are missing from most fonts and would show as empty boxes, where Mantine's own
 * initials put them.
 */
export function initialsOf(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => {
      const first = [...word][0] ?? '';
      return GEORGIAN.test(first) ? first : first.toLocaleUpperCase();
    })
    .join('');
}
