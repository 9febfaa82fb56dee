export { startMailDelivery } from './mail.jobs.ts';
export { registerMailRoutes } from './mail.routes.ts';
export {
  createMailer,
  listOutboxForOperator,
  MAIL_CHANNEL,
  queueMail,
  type TMail,
  type TMailer,
} from './mail.service.ts';
export type { TMailOutboxTable } from './mail.table.ts';
