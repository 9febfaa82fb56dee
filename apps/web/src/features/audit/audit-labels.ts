import type { TFunction } from 'i18next';

/** Record types the server writes today; unknown ones are shown as they come. */
export const RECORD_TYPES = ['person', 'member', 'invitation', 'apiKey', 'workspace', 'user'] as const;
type TKnownRecordType = (typeof RECORD_TYPES)[number];

const KNOWN_ACTIONS = [
  'person.create',
  'person.update',
  'person.delete',
  'member.update',
  'member.remove',
  'invitation.create',
  'invitation.revoke',
  'invitation.accept',
  'apiKey.create',
  'apiKey.revoke',
  'workspace.create',
  'user.update',
] as const;
type TKnownAction = (typeof KNOWN_ACTIONS)[number];

function isKnownRecordType(value: string): value is TKnownRecordType {
  return RECORD_TYPES.some((type) => type === value);
}

function isKnownAction(value: string): value is TKnownAction {
  return KNOWN_ACTIONS.some((action) => action === value);
}

export function recordTypeLabel(recordType: string, t: TFunction): string {
  return isKnownRecordType(recordType) ? t(`audit.recordTypes.${recordType}`) : recordType;
}

export function actionLabel(action: string, t: TFunction): string {
  return isKnownAction(action) ? t(`audit.actions.${action}`) : action;
}

export function actionColor(action: string): string {
  if (/\.(create|accept)$/.test(action)) return 'teal';
  if (/\.(delete|remove|revoke)$/.test(action)) return 'red';
  return 'blue';
}
