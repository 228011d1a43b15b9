import { Controller, Get, Headers, Header, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { timingSafeEqual, createHash } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { Metrics } from './metrics';

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/**
 * `/metrics` on the public port: with METRICS_TOKEN only to that bearer token; without it, only
 * outside production (in production, use METRICS_PORT, a port not exposed to the public).
 */
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @Header('cache-control', 'no-store')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(@Headers('authorization') authorization?: string): Promise<string> {
    const token = this.config.METRICS_TOKEN;
    if (token) {
      const given = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1] ?? '';
      if (!timingSafeEqual(digest(given), digest(token))) {
        throw new UnauthorizedException('A bearer token (METRICS_TOKEN) is required');
      }
    } else if (this.config.isProduction) {
      throw new NotFoundException();
    }
    return this.metrics.registry.metrics();
  }
}
