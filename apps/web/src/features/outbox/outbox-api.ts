import { apiRequest } from '../../lib/api.ts';

export type TOutboxMail = {
  id: string;
  to: string;
  subject: string;
  text: string;
  createdAt: string;
  sentAt: string | null;
};

export function listOutbox(): Promise<{ data: TOutboxMail[] }> {
  return apiRequest<{ data: TOutboxMail[] }>('/api/v1/outbox');
}
