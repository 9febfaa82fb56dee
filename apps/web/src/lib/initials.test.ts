import { describe, expect, it } from 'vitest';
import { initialsOf } from './initials.ts';

describe('avatar initials', () => {
  it('keeps Georgian letters as written (their capitals are missing from most fonts)', () => {
    expect(initialsOf('ნინო კაპანაძე')).toBe('ნკ');
    expect('ნ'.toUpperCase()).not.toBe('ნ'); // what Mantine's own initials would show
  });
  it('upper-cases Latin, Armenian and Cyrillic, and keeps two words at most', () => {
    expect(initialsOf('šarūnas jonaitis')).toBe('ŠJ');
    expect(initialsOf('պետրոս պետրոսյան')).toBe('ՊՊ');
    expect(initialsOf('ivan  petrov sidorov')).toBe('IP');
    expect(initialsOf('')).toBe('');
  });
});
