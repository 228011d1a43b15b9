import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { ActivityModule } from '@app/activity';
import { dataSourceOptions } from '@app/database';
import { CoverageModule } from '@app/coverage';
import { DraftingModule } from '@app/drafting';
import { EventsModule } from '@app/events';
import { GeographyModule } from '@app/geography';
import { IdentityModule } from '@app/identity';
import { InfluencingModule } from '@app/influencing';
import { NetworksModule } from '@app/networks';
import { NotificationsModule } from '@app/notifications';
import { OrganisationsModule } from '@app/organisations';
import { AppConfig } from './config/app-config';
import { databaseSettings, entities } from './database/persistence';
import { GraphqlApiModule } from './graphql/graphql-api.module';
import { GraphqlIdeModule } from './graphql/ide/graphql-ide.module';
import { HealthModule } from './health/health.module';
import { loggingParams } from './logging';
import { MetricsModule } from './metrics/metrics.module';

@Global()
@Module({})
class ConfigModule {
  static register(config: AppConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: AppConfig, useValue: config }], exports: [AppConfig] };
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
        ConfigModule.register(config),
        LoggerModule.forRoot(loggingParams(config, logDestination)),
        TypeOrmModule.forRoot(dataSourceOptions(databaseSettings(config, databaseUrl), entities)),
        GraphqlApiModule,
        ...(config.graphqlIde ? [GraphqlIdeModule] : []),
        HealthModule,
        MetricsModule,
        ActivityModule.forRoot({
          redisUrl: config.REDIS_URL,
          benchOnlySkipOutbox: config.BENCH_ONLY_SKIP_ACTIVITY_OUTBOX,
        }),
        GeographyModule,
        OrganisationsModule,
        NetworksModule,
        CoverageModule,
        EventsModule.forRoot({
          databaseUrl,
          reminderLeadSeconds: config.EVENT_REMINDER_LEAD_SECONDS,
          reminderPollSeconds: config.EVENT_REMINDER_POLL_SECONDS,
          reminderTakeoverSeconds: config.EVENT_REMINDER_TAKEOVER_SECONDS,
        }),
        DraftingModule,
        InfluencingModule,
        IdentityModule.register({
          jwtSecret: config.jwtSecret,
          accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
          refreshTokenTtlDays: config.REFRESH_TOKEN_TTL_DAYS,
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
        }),
      ],
    };
  }
}
