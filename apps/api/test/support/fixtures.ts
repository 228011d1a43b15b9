import { INFLUENCING_FIXTURES } from './influencing-fixtures';
import { NOTIFICATION_FIXTURES } from './notification-fixtures';
import { OFFICE_FIXTURES } from './office-fixtures';
import { CORE_FIXTURES, type Fixture } from './operation-fixtures';
import { WEBHOOK_FIXTURES } from './webhook-fixtures';

/** A fixture for every operation: the policy sweep and the activity test run each one. */
export const FIXTURES: Readonly<Record<string, Fixture>> = {
  ...CORE_FIXTURES,
  ...OFFICE_FIXTURES,
  ...INFLUENCING_FIXTURES,
  ...NOTIFICATION_FIXTURES,
  ...WEBHOOK_FIXTURES,
};
