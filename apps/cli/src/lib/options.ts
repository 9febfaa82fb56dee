import { InvalidArgumentError } from 'commander';

/** Commander parser for counts like `--people 3000`. */
export function parsePositiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('Not a positive whole number.');
  return parsed;
}
