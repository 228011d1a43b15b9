import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { ActivityModule, defaultRedisNamespace } from '@app/activity';
import { dataSourceOptions } from '@app/database';
import { CoverageModule } from '@app/coverage';
import { DraftingModule } from '@app/drafting';
import { EVENTS_OPTIONS, EventsModule, type EventsOptions } from '@app/events';
import { GeographyModule } from '@app/geography';
import { IdentityModule } from '@app/identity';
import { InfluencingModule } from '@app/influencing';
import { NetworksModule } from '@app/networks';
import { NotificationsModule } from '@app/notifications';
import { OrganisationsModule } from '@app/organisations';
import { WebhooksModule } from '@app/webhooks';
import { AppConfig } from './config/app-config';
import { DashboardModule } from './dashboard/dashboard.module';
import { databaseSettings, entities } from './database/persistence';
import { GraphqlApiModule } from './graphql/graphql-api.module';
import { GraphqlIdeModule } from './graphql/ide/graphql-ide.module';
import { ExportsModule } from './exports/exports.module';
import { HealthModule } from './health/health.module';
import { loggingParams } from './logging';
import { MetricsModule } from './metrics/metrics.module';
import { ExpressSettings } from './http/express-settings';
import { HttpServerTimeouts } from './http/http-server-timeouts';

/** The configuration, and the options contexts take from the composition root, for every module. */
@Global()
@Module({})
class ConfigModule {
  static register(config: AppConfig, databaseUrl: string): DynamicModule {
    const events: EventsOptions = {
      databaseUrl,
      reminderLeadSeconds: config.EVENT_REMINDER_LEAD_SECONDS,
      reminderPollSeconds: config.EVENT_REMINDER_POLL_SECONDS,
      reminderTakeoverSeconds: config.EVENT_REMINDER_TAKEOVER_SECONDS,
    };
    return {
      module: ConfigModule,
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: EVENTS_OPTIONS, useValue: events },
        HttpServerTimeouts,
        ExpressSettings,
      ],
      exports: [AppConfig, EVENTS_OPTIONS],
    };
  }
}

/** Wires the bounded contexts into one API; holds no domain rules of its own. */
@Module({})
export class AppModule {
  /** `logDestination` replaces stdout for the logs (tests capture them). */
  static forRoot(config: AppConfig, databaseUrl: string, logDestination?: DestinationStream): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.register(config, databaseUrl),
        LoggerModule.forRoot(loggingParams(config, logDestination)),
        TypeOrmModule.forRoot(dataSourceOptions(databaseSettings(config, databaseUrl), entities)),
        GraphqlApiModule,
        ...(config.graphqlIde ? [GraphqlIdeModule] : []),
        DashboardModule,
        HealthModule,
        MetricsModule,
        ExportsModule,
        ActivityModule.forRoot({
          redisUrl: config.REDIS_URL,
          redisNamespace: config.REDIS_NAMESPACE ?? defaultRedisNamespace(databaseUrl),
          benchOnlySkipOutbox: config.BENCH_ONLY_SKIP_ACTIVITY_OUTBOX,
        }),
        GeographyModule,
        OrganisationsModule,
        NetworksModule,
        CoverageModule,
        EventsModule,
        DraftingModule,
        InfluencingModule,
        WebhooksModule.forRoot({
          databaseUrl,
          allowPrivate: config.WEBHOOK_ALLOW_PRIVATE,
          retryBaseMs: config.WEBHOOK_RETRY_BASE_MS,
          retryForSeconds: config.WEBHOOK_RETRY_FOR_SECONDS,
          pollMs: config.WEBHOOK_POLL_MS,
          timeoutMs: 5_000,
        }),
        IdentityModule.register({
          jwtSecret: config.jwtSecret,
          accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
          refreshTokenTtlDays: config.REFRESH_TOKEN_TTL_DAYS,
          resetRequestPollMs: config.PASSWORD_RESET_POLL_MS,
          invitationLimits: {
            perOrganisationPerDay: config.ORG_INVITATIONS_PER_DAY,
            perInviterPerHour: config.INVITER_INVITATIONS_PER_HOUR,
          },
        }),
        NotificationsModule.forRoot({
          databaseUrl,
          smtpUrl: config.SMTP_URL,
          mailFrom: config.MAIL_FROM,
          publicUrl: config.publicUrl,
          mailDir: config.MAIL_DIR,
          secret: config.jwtSecret,
          planIntervalMs: config.NOTIFICATION_PLAN_INTERVAL_MS,
          pollSeconds: config.NOTIFICATION_POLL_SECONDS,
          takeoverSeconds: config.NOTIFICATION_TAKEOVER_SECONDS,
          sweepSeconds: config.NOTIFICATION_SWEEP_SECONDS,
          pollDeadlineNoticeSeconds: config.POLL_REMINDER_LEAD_SECONDS,
        }),
      ],
    };
  }
}
