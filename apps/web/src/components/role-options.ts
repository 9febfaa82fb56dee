import { ROLES, type TRole } from '@kap/shared';
import type { TFunction } from 'i18next';

export function roleOptions(t: TFunction, allowed: (role: TRole) => boolean = () => true) {
  return ROLES.filter(allowed).map((role) => ({ value: role, label: t(`roles.${role}`) }));
}

export function isRole(value: string | null): value is TRole {
  return ROLES.some((role) => role === value);
}
