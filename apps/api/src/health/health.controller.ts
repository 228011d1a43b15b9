import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, type HealthCheckResult, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { ActivityHub } from '@app/activity';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly hub: ActivityHub,
  ) {}

  /** The process is up and serving HTTP (for restarts). */
  @Get('live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  /**
   * PostgreSQL answers, so requests can be served (for load balancers). Redis carries only
   * wake-ups: without it live delivery falls back to polling PostgreSQL, so a Redis outage is
   * reported (`details.redis`, `degraded`) but leaves the instance ready.
   */
  @Get('ready')
  @HealthCheck()
  async ready(): Promise<HealthCheckResult & { degraded?: string[] }> {
    const result = await this.health.check([() => this.database.pingCheck('database', { timeout: 1_500 })]);
    const { wakeups } = this.hub.health();
    if (wakeups.transport !== 'redis') {
      return result;
    }
    const redis = wakeups.connected
      ? { status: 'up' as const }
      : { status: 'down' as const, message: 'Redis is unreachable; live activity is delivered by polling PostgreSQL' };
    return {
      ...result,
      info: { ...result.info, ...(wakeups.connected ? { redis } : {}) },
      details: { ...result.details, redis },
      ...(wakeups.connected ? {} : { degraded: ['redis'] }),
    };
  }
}
