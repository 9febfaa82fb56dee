import type { TPerson } from '@kap/shared';
import type { TFunction } from 'i18next';

type TNamed = Pick<TPerson, 'firstName' | 'lastName' | 'emails' | 'phones'>;

export function primaryOf<T extends { isPrimary: boolean }>(items: T[]): T | undefined {
  return items.find((item) => item.isPrimary) ?? items[0];
}

/** Best label for a person: full name, else primary email, else phone, else "Unnamed contact". */
export function personDisplayName(person: TNamed, t: TFunction): string {
  const name = [person.firstName, person.lastName].filter(Boolean).join(' ').trim();
  return name || primaryOf(person.emails)?.email || primaryOf(person.phones)?.number || t('people.unnamed');
}
