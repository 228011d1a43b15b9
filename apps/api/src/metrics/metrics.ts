import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { ActivityHub } from '@app/activity';

/** Client-chosen operation names become labels: keep them to sane names, and few. */
const MAX_OPERATION_NAMES = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

interface PgPool {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
  readonly options?: { readonly max?: number };
}

/**
 * The Prometheus series of one API instance (its own registry, so several apps in one process,
 * as in tests, do not collide). Node's defaults include the event-loop delay
 * (`nodejs_eventloop_lag_*`), memory and GC.
 */
@Injectable()
export class Metrics implements OnApplicationShutdown {
  readonly registry = new Registry();
  private readonly operationNames = new Set<string>();

  readonly httpDuration = new Histogram({
    name: 'convene_http_request_duration_seconds',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly operationDuration = new Histogram({
    name: 'convene_graphql_operation_duration_seconds',
    help: 'GraphQL operations over HTTP by operation name and type',
    labelNames: ['operation', 'type'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly errors = new Counter({
    name: 'convene_graphql_errors_total',
    help: 'GraphQL errors answered, by extensions.code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });

  constructor(hub: ActivityHub, @InjectDataSource() dataSource: DataSource) {
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 10 });
    new Gauge({
      name: 'convene_subscriptions_open',
      help: 'Open live subscriptions on this instance (activity streams)',
      registers: [this.registry],
      collect() {
        this.set(hub.health().streams);
      },
    });
    new Gauge({
      name: 'convene_activity_hub_lag_seconds',
      help: "From the newest activity item's transaction to this instance offering it to subscribers, at its last read",
      registers: [this.registry],
      collect() {
        this.set(hub.health().lagSeconds);
      },
    });
    new Gauge({
      name: 'convene_activity_wakeups_connected',
      help: 'Whether the wake-up channel (PostgreSQL LISTEN or Redis) is connected (1) or polling only (0)',
      registers: [this.registry],
      collect() {
        this.set(hub.health().wakeups.connected ? 1 : 0);
      },
    });
    new Gauge({
      name: 'convene_db_pool_connections',
      help: 'PostgreSQL pool: connections open, idle, requests waiting for one, and the maximum',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        for (const [state, value] of poolStates((dataSource.driver as unknown as { master?: PgPool }).master)) {
          this.set({ state }, value);
        }
      },
    });
    new Gauge({
      name: 'convene_db_extra_pool_connections',
      help: 'PostgreSQL pools beside the main one (live streams, reads beside transactions): as convene_db_pool_connections',
      labelNames: ['pool', 'state'] as const,
      registers: [this.registry],
      collect() {
        const master = (dataSource.driver as unknown as { master?: { live?: PgPool; side?: PgPool } }).master;
        for (const [name, pool] of [
          ['live', master?.live],
          ['side', master?.side],
        ] as const) {
          for (const [state, value] of poolStates(pool)) {
            this.set({ pool: name, state }, value);
          }
        }
      },
    });
  }

  /** The operation's name as a label, or `anonymous`/`other`. */
  operationLabel(name: string | null | undefined): string {
    if (!name) {
      return 'anonymous';
    }
    if (!OPERATION_NAME.test(name)) {
      return 'other';
    }
    if (!this.operationNames.has(name)) {
      if (this.operationNames.size >= MAX_OPERATION_NAMES) {
        return 'other';
      }
      this.operationNames.add(name);
    }
    return name;
  }

  onApplicationShutdown(): void {
    this.registry.clear();
  }
}

/** A pool's connections by state, as the pool gauges label them (none where there is no pool). */
function poolStates(pool: PgPool | undefined): [state: string, value: number][] {
  return pool
    ? [
        ['total', pool.totalCount],
        ['idle', pool.idleCount],
        ['waiting', pool.waitingCount],
        ['max', pool.options?.max ?? 0],
      ]
    : [];
}
