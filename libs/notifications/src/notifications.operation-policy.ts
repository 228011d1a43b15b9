import { Action, operationPolicy } from '@app/common';

const OWN = 'their own messages and choices';

/** Notifications: the signed-in person's own messages and choices. */
export const notificationsOperationPolicy = operationPolicy('notifications', {
  'Query.notifications': { action: Action.ANY_PERSON, resourceName: OWN },
  'Mutation.updateNotificationPreferences': { action: Action.ANY_PERSON, resourceName: OWN },
  'Mutation.markNotificationsRead': { action: Action.ANY_PERSON, resourceName: OWN },
});
