export { registerNotificationRoutes } from './notifications.routes.ts';
export { createNotifications, type TNewNotification } from './notifications.service.ts';
export type { TNotificationsTable } from './notifications.table.ts';
