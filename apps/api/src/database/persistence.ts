import { activityEntities } from '@app/activity';
import { defaultDatabaseSettings, type DatabaseSettings, type EntityList } from '@app/database';
import { coverageEntities } from '@app/coverage';
import { draftingEntities } from '@app/drafting';
import { eventsEntities } from '@app/events';
import { geographyEntities } from '@app/geography';
import { identityEntities } from '@app/identity';
import { influencingEntities } from '@app/influencing';
import { networksEntities } from '@app/networks';
import { notificationsEntities } from '@app/notifications';
import { organisationsEntities } from '@app/organisations';
import { webhooksEntities } from '@app/webhooks';
import type { AppConfig } from '../config/app-config';

/** Every context's entities: the composition root is the only place that knows them all. */
export const entities: EntityList = [
  ...activityEntities,
  ...geographyEntities,
  ...organisationsEntities,
  ...identityEntities,
  ...networksEntities,
  ...coverageEntities,
  ...eventsEntities,
  ...draftingEntities,
  ...influencingEntities,
  ...notificationsEntities,
  ...webhooksEntities,
];

export function databaseSettings(config: AppConfig, url: string): DatabaseSettings {
  return {
    ...defaultDatabaseSettings,
    url,
    poolSize: config.DB_POOL_SIZE,
    livePoolSize: config.DB_LIVE_POOL_SIZE,
    sidePoolSize: config.DB_SIDE_POOL_SIZE,
    connectTimeoutMs: config.DB_CONNECT_TIMEOUT_MS,
    statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
  };
}
