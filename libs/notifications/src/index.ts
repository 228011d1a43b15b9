export * from './notification.enums';
export * from './notification.entities';
export * from './notifications.module';
export * from './notifications.options';
export { messageIdOf } from './mail/message-id';
export { readUnsubscribeToken, unsubscribeToken } from './unsubscribe/unsubscribe-link';
export { NotificationPlanner } from './planning/notification-planner';
export { NoticeSweeper } from './planning/notice-sweeper';
export * from './notifications.operation-policy';
