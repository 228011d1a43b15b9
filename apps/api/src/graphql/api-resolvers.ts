import { activityResolvers } from '@app/activity';
import { coverageResolvers } from '@app/coverage';
import { draftingResolvers } from '@app/drafting';
import { eventsResolvers } from '@app/events';
import { geographyResolvers } from '@app/geography';
import { identityResolvers } from '@app/identity';
import { influencingResolvers } from '@app/influencing';
import { networksResolvers } from '@app/networks';
import { notificationsResolvers } from '@app/notifications';
import { organisationsResolvers } from '@app/organisations';
import { webhooksResolvers } from '@app/webhooks';

/**
 * Every resolver class of the API, for generating the schema without a database.
 * The end-to-end drift test proves this list matches what the running app serves.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const apiResolvers: Function[] = [
  ...activityResolvers,
  ...geographyResolvers,
  ...organisationsResolvers,
  ...identityResolvers,
  ...networksResolvers,
  ...coverageResolvers,
  ...eventsResolvers,
  ...draftingResolvers,
  ...influencingResolvers,
  ...notificationsResolvers,
  ...webhooksResolvers,
];
