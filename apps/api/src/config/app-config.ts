import { plainToInstance, Transform } from 'class-transformer';
import { randomBytes } from 'node:crypto';
import { dirname, isAbsolute, join } from 'node:path';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsIP,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import { projectRoot } from '@app/common';
import { keptSecret } from './kept-secret';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const ENVIRONMENTS = ['development', 'production', 'test'] as const;

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }): unknown =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;
const got = (args: { value: unknown }): string => `(got ${JSON.stringify(args.value)})`;

/** A whole number from `min` (to `max`), read from its text; every refusal says `message` and what was given. */
function WholeNumber(message: string, min: number, max?: number): PropertyDecorator {
  const options = { message: (a: { value: unknown }) => `${message} ${got(a)}` };
  const decorators = [Transform(toInt), IsInt(options), Min(min, options)];
  if (max !== undefined) {
    decorators.push(Max(max, options));
  }
  return (target, key) => decorators.forEach((decorate) => decorate(target, key));
}

/** A number (fractions allowed) from `min` to `max`, with one message for every way it can be wrong. */
function DecimalNumber(message: string, min: number, max: number): PropertyDecorator {
  const options = { message: (a: { value: unknown }) => `${message} ${got(a)}` };
  const decorators = [
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' && value.trim() !== '' ? Number(value) : value,
    ),
    IsNumber({}, options),
    Min(min, options),
    Max(max, options),
  ];
  return (target, key) => decorators.forEach((decorate) => decorate(target, key));
}

/** Environment variables, typed and checked once at start-up; see the README's table. */
export class AppConfig {
  @WholeNumber('PORT must be an integer from 1 to 65535', 1, 65535)
  PORT = 3000;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, {
    message: () => 'DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/convene',
  })
  DATABASE_URL?: string;

  @IsIn(LOG_LEVELS, { message: (a) => `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} ${got(a)}` })
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  @IsIn(ENVIRONMENTS, { message: (a) => `NODE_ENV must be one of ${ENVIRONMENTS.join(', ')} ${got(a)}` })
  NODE_ENV: (typeof ENVIRONMENTS)[number] = 'development';

  @WholeNumber('DB_POOL_SIZE must be an integer from 1 to 200', 1, 200)
  DB_POOL_SIZE = 10;

  /** Connections for live streams, apart from DB_POOL_SIZE, so subscriptions cannot starve requests. */
  @WholeNumber('DB_LIVE_POOL_SIZE must be an integer from 1 to 50', 1, 50)
  DB_LIVE_POOL_SIZE = 3;

  /** Connections for what a transaction reads beside itself, apart from DB_POOL_SIZE, so transactions cannot starve each other. */
  @WholeNumber('DB_SIDE_POOL_SIZE must be an integer from 1 to 50', 1, 50)
  DB_SIDE_POOL_SIZE = 3;

  @WholeNumber('DB_CONNECT_TIMEOUT_MS must be a whole number of milliseconds >= 100', 100)
  DB_CONNECT_TIMEOUT_MS = 5_000;

  /** Below Docker's 10 s before SIGKILL: the process says what it gave up on, then exits. */
  @WholeNumber('SHUTDOWN_TIMEOUT_MS must be a whole number of milliseconds from 100 to 600000', 100, 600_000)
  SHUTDOWN_TIMEOUT_MS = 8_000;

  /** Longer than a proxy's idle timeout (60 s on common load balancers), so it closes first. */
  @WholeNumber('HTTP_KEEP_ALIVE_TIMEOUT_MS must be a whole number of milliseconds from 1000 to 600000', 1_000, 600_000)
  HTTP_KEEP_ALIVE_TIMEOUT_MS = 65_000;

  @WholeNumber('DB_STATEMENT_TIMEOUT_MS must be a whole number of milliseconds >= 100', 100)
  DB_STATEMENT_TIMEOUT_MS = 15_000;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: (a) => `DB_MIGRATE_ON_START must be true or false ${got(a)}` })
  DB_MIGRATE_ON_START?: boolean;

  /** Load the fictional demo data (and its four logins); by default only in development on the embedded database. */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: (a) => `SEED_DEMO must be true or false ${got(a)}` })
  SEED_DEMO?: boolean;

  /** Lets a production server start while the demo logins exist (a public demo server). */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: (a) => `ALLOW_DEMO_LOGINS must be true or false ${got(a)}` })
  ALLOW_DEMO_LOGINS?: boolean;

  @IsString()
  EMBEDDED_DB_DIR = '.data/postgres';

  @WholeNumber('EMBEDDED_DB_PORT must be an integer from 1024 to 65535', 1024, 65535)
  EMBEDDED_DB_PORT = 54329;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: (a) => `GRAPHQL_IDE must be true or false ${got(a)}` })
  GRAPHQL_IDE?: boolean;

  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: () => 'REDIS_URL must be a Redis URL such as redis://127.0.0.1:6379' })
  REDIS_URL?: string;

  /**
   * Prefixes every Redis channel, so deployments sharing one Redis never hear each other; the same on
   * every instance of a deployment. Unset: the database's name.
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.-]{1,63}$/, {
    message: () => 'REDIS_NAMESPACE must be 1 to 63 letters, digits, dots, dashes or underscores',
  })
  REDIS_NAMESPACE?: string;

  /** Proxies in front of the API whose X-Forwarded-For entry to trust (0: use the socket's address). */
  @WholeNumber('TRUST_PROXY must be a number of proxy hops from 0 to 10', 0, 10)
  TRUST_PROXY = 0;

  /** Operations one WebSocket may run at once (live subscriptions, and queries while they run). */
  @WholeNumber('WS_MAX_SUBSCRIPTIONS_PER_SOCKET must be an integer from 1 to 10000', 1, 10_000)
  WS_MAX_SUBSCRIPTIONS_PER_SOCKET = 100;

  /** Open WebSockets per client address (an IPv6 client's /64), per instance. */
  @WholeNumber('WS_MAX_SOCKETS_PER_ADDRESS must be an integer from 1 to 100000', 1, 100_000)
  WS_MAX_SOCKETS_PER_ADDRESS = 50;

  /** Open WebSockets per signed-in person (or API token), per instance. */
  @WholeNumber('WS_MAX_SOCKETS_PER_PERSON must be an integer from 1 to 10000', 1, 10_000)
  WS_MAX_SOCKETS_PER_PERSON = 10;

  /**
   * Bytes a WebSocket may have waiting to be written (a reader that stopped reading): beyond it the
   * socket is closed with 4410 "Too slow: resume from your cursor".
   */
  @WholeNumber('WS_MAX_BUFFERED_BYTES must be an integer from 1024 to 1073741824', 1024, 1_073_741_824)
  WS_MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

  /** Queries run compiled with graphql-jit (docs/architecture.md); `false` runs every operation on graphql-js. */
  @Transform(toBool)
  @IsBoolean({ message: (a) => `GRAPHQL_COMPILED_EXECUTION must be true or false ${got(a)}` })
  GRAPHQL_COMPILED_EXECUTION = true;

  /** Runs of a query on graphql-js before it is compiled (0: at once), so that a query seen once is not compiled. */
  @WholeNumber('GRAPHQL_COMPILE_AFTER must be a whole number of runs from 0 to 1000', 0, 1000)
  GRAPHQL_COMPILE_AFTER = 1;

  /** Memory for whole cached query responses (0 turns the cache off). */
  @WholeNumber('RESPONSE_CACHE_MB must be a whole number of megabytes from 0 to 4096', 0, 4096)
  RESPONSE_CACHE_MB = 64;

  /** Benchmarks only: mutations skip the activity outbox. Refused unless on the embedded database. */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: (a) => `BENCH_ONLY_SKIP_ACTIVITY_OUTBOX must be true or false ${got(a)}` })
  BENCH_ONLY_SKIP_ACTIVITY_OUTBOX?: boolean;

  @IsOptional()
  @MinLength(32, { message: () => 'JWT_SECRET must be at least 32 characters (e.g. `openssl rand -base64 48`)' })
  JWT_SECRET?: string;

  @WholeNumber('ACCESS_TOKEN_TTL_SECONDS must be a whole number of seconds from 5 to 86400', 5, 86_400)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @WholeNumber('REFRESH_TOKEN_TTL_DAYS must be a whole number of days from 1 to 365', 1, 365)
  REFRESH_TOKEN_TTL_DAYS = 30;

  /** How long before an occurrence starts its reminders fall due. */
  @WholeNumber('EVENT_REMINDER_LEAD_SECONDS must be a whole number of seconds from 1 to 2592000', 1, 2_592_000)
  EVENT_REMINDER_LEAD_SECONDS = 86_400;

  /** How often each instance asks the job queue for due reminders (pg-boss allows 0.5 s at least). */
  @DecimalNumber('EVENT_REMINDER_POLL_SECONDS must be a number of seconds from 0.5 to 300', 0.5, 300)
  EVENT_REMINDER_POLL_SECONDS = 5;

  /** A reminder held this long by an instance (that died) is retried by another one. */
  @WholeNumber('EVENT_REMINDER_TAKEOVER_SECONDS must be a whole number of seconds from 1 to 3600', 1, 3_600)
  EVENT_REMINDER_TAKEOVER_SECONDS = 60;

  /** Outgoing mail server, e.g. smtp://user:pass@host:587 (smtps:// for TLS); without it mail is written to MAIL_DIR. */
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, {
    message: () => 'SMTP_URL must be an SMTP URL such as smtp://user:pass@mail.example:587',
  })
  SMTP_URL?: string;

  /** The From of every email. */
  @IsString()
  @MinLength(3, { message: () => 'MAIL_FROM must be an address such as "Convene <no-reply@convene.example>"' })
  MAIL_FROM = 'Convene <no-reply@convene.localhost>';

  /**
   * Where links in emails point (the web front end), e.g. https://convene.example; required in
   * production, by default this server on localhost elsewhere.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/\S*)?$/, {
    message: () => 'PUBLIC_URL must be an http(s) URL such as https://convene.example',
  })
  PUBLIC_URL?: string;

  /** Folder for .eml files when there is no SMTP_URL. */
  @IsString()
  MAIL_DIR = '.data/mail';

  /** Invitations one organisation may send per 24 hours (each is an email partly worded by it). */
  @WholeNumber('ORG_INVITATIONS_PER_DAY must be a whole number from 1 to 100000', 1, 100_000)
  ORG_INVITATIONS_PER_DAY = 100;

  /** Invitations one person may send per hour. */
  @WholeNumber('INVITER_INVITATIONS_PER_HOUR must be a whole number from 1 to 100000', 1, 100_000)
  INVITER_INVITATIONS_PER_HOUR = 40;

  /** How often each instance handles password reset requests (answered at once, worked on off the request path). */
  @WholeNumber('PASSWORD_RESET_POLL_MS must be a whole number of milliseconds from 50 to 3600000', 50, 3_600_000)
  PASSWORD_RESET_POLL_MS = 500;

  /** How often each instance reads new activity to plan emails. */
  @WholeNumber('NOTIFICATION_PLAN_INTERVAL_MS must be a whole number of milliseconds from 50 to 60000', 50, 60_000)
  NOTIFICATION_PLAN_INTERVAL_MS = 500;

  /** How often each instance asks the job queue for due emails (pg-boss allows 0.5 s at least). */
  @DecimalNumber('NOTIFICATION_POLL_SECONDS must be a number of seconds from 0.5 to 300', 0.5, 300)
  NOTIFICATION_POLL_SECONDS = 2;

  /** How often each instance looks for poll deadlines coming up and commitments falling due. */
  @WholeNumber('NOTIFICATION_SWEEP_SECONDS must be a whole number of seconds from 1 to 86400', 1, 86_400)
  NOTIFICATION_SWEEP_SECONDS = 900;

  /** How long before a poll's deadline the organisations that have not answered are reminded. */
  @WholeNumber('POLL_REMINDER_LEAD_SECONDS must be a whole number of seconds from 60 to 604800', 60, 604_800)
  POLL_REMINDER_LEAD_SECONDS = 86_400;

  /** An email held this long by an instance (that died) is retried by another one. */
  @WholeNumber('NOTIFICATION_TAKEOVER_SECONDS must be a whole number of seconds from 1 to 3600', 1, 3_600)
  NOTIFICATION_TAKEOVER_SECONDS = 60;
  /** Webhook endpoints may be http and on private, loopback or link-local addresses (development and tests only). */
  @Transform(toBool)
  @IsBoolean({ message: (a) => `WEBHOOK_ALLOW_PRIVATE must be true or false ${got(a)}` })
  WEBHOOK_ALLOW_PRIVATE = false;

  /** The wait after a webhook delivery's first failure, doubled after each further one (at most an hour). */
  @WholeNumber('WEBHOOK_RETRY_BASE_MS must be a whole number of milliseconds from 10 to 3600000', 10, 3_600_000)
  WEBHOOK_RETRY_BASE_MS = 5_000;

  /** How long an endpoint may keep failing before it is disabled (3 days). */
  @WholeNumber('WEBHOOK_RETRY_FOR_SECONDS must be a whole number of seconds from 1 to 2592000', 1, 2_592_000)
  WEBHOOK_RETRY_FOR_SECONDS = 259_200;

  /** How often each instance looks for new activity to deliver and for due retries. */
  @WholeNumber('WEBHOOK_POLL_MS must be a whole number of milliseconds from 20 to 60000', 20, 60_000)
  WEBHOOK_POLL_MS = 1_000;

  /** Serve Prometheus metrics at /metrics on this port (not the public one). */
  @IsOptional()
  @WholeNumber('METRICS_PORT must be an integer from 1 to 65535', 1, 65535)
  METRICS_PORT?: number;

  /** Address the metrics port listens on: loopback unless a scraper elsewhere needs it (e.g. 0.0.0.0 in a container). */
  @IsIP(undefined, { message: (a) => `METRICS_HOST must be an IP address such as 127.0.0.1 or 0.0.0.0 ${got(a)}` })
  METRICS_HOST = '127.0.0.1';

  /** Serve /metrics on the public port too, to this bearer token only. */
  @IsOptional()
  @MinLength(24, { message: () => 'METRICS_TOKEN must be at least 24 characters (e.g. `openssl rand -hex 24`)' })
  METRICS_TOKEN?: string;

  private generatedSecret?: string;

  /**
   * Without JWT_SECRET (refused in production): in development a secret kept beside the embedded
   * database's data (`.data/jwt-secret`), so a restart signs nobody out; in tests a random one
   * (tokens then last one process).
   */
  get jwtSecret(): string {
    if (this.JWT_SECRET) {
      return this.JWT_SECRET;
    }
    this.generatedSecret ??=
      this.NODE_ENV === 'development'
        ? keptSecret(join(dirname(this.embeddedDataDir), 'jwt-secret'))
        : randomBytes(48).toString('base64');
    return this.generatedSecret;
  }

  /** The embedded database's data folder, absolute. */
  get embeddedDataDir(): string {
    return isAbsolute(this.EMBEDDED_DB_DIR) ? this.EMBEDDED_DB_DIR : join(projectRoot(), this.EMBEDDED_DB_DIR);
  }

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }

  /** Migrate and seed reference data at start: on by default only for the embedded database. */
  get migrateOnStart(): boolean {
    return this.DB_MIGRATE_ON_START ?? this.DATABASE_URL === undefined;
  }

  /** Demo data: asked for, or the two-command quick start (development on the embedded database). */
  get seedDemo(): boolean {
    return this.SEED_DEMO ?? (this.NODE_ENV === 'development' && this.DATABASE_URL === undefined);
  }

  /** Links in emails: PUBLIC_URL, or this server on localhost. */
  get publicUrl(): string {
    return (this.PUBLIC_URL ?? `http://localhost:${this.PORT}`).replace(/\/+$/, '');
  }

  get graphqlIde(): boolean {
    return this.GRAPHQL_IDE ?? !this.isProduction;
  }
}

export class ConfigError extends Error {}

/** docker-compose.yml's default until 2026-12-06: servers started from it may still carry it. */
const PUBLISHED_SECRETS: ReadonlySet<string> = new Set(['local-compose-only-secret-change-me-0123456789']);

/** A secret someone else knows: one published with Convene, or a placeholder never replaced. */
function isPublishedSecret(secret: string): boolean {
  return PUBLISHED_SECRETS.has(secret) || /(^|[^a-z])(change|replace)[-_ ]?me([^a-z]|$)/i.test(secret);
}

/** Reads and checks the environment; throws one readable line naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new AppConfig()).filter((key) => /^[A-Z][A-Z0-9_]*$/.test(key));
  const given = Object.fromEntries(
    [
      ...known,
      'DATABASE_URL',
      'DB_MIGRATE_ON_START',
      'GRAPHQL_IDE',
      'JWT_SECRET',
      'REDIS_URL',
      'REDIS_NAMESPACE',
      'BENCH_ONLY_SKIP_ACTIVITY_OUTBOX',
      'METRICS_PORT',
      'METRICS_TOKEN',
      'SEED_DEMO',
      'ALLOW_DEMO_LOGINS',
      'SMTP_URL',
      'PUBLIC_URL',
    ]
      .filter((key) => env[key] !== undefined && env[key] !== '')
      .map((key) => [key, env[key]]),
  );
  const config = plainToInstance(AppConfig, given, { exposeDefaultValues: true });
  const errors = validateSync(config, { stopAtFirstError: true });
  const problems = errors.flatMap((e) => Object.values(e.constraints ?? {}));
  if (config.isProduction && !config.JWT_SECRET) {
    problems.push('JWT_SECRET must be set in production (the same on every instance, at least 32 characters)');
  }
  if (config.isProduction && config.JWT_SECRET && isPublishedSecret(config.JWT_SECRET)) {
    problems.push(
      'JWT_SECRET is a published example or placeholder (anyone could sign tokens with it); set your own, e.g. `openssl rand -base64 48`',
    );
  }
  if (config.isProduction && config.SEED_DEMO === true) {
    problems.push('SEED_DEMO is never used in production (the demo logins have a published password); unset it');
  }
  if (config.isProduction && !config.PUBLIC_URL) {
    // Else every link in an email (reset, invitation, unsubscribe) points at this server's localhost.
    problems.push('PUBLIC_URL must be set in production (where links in emails point, e.g. https://convene.example)');
  }
  if (config.BENCH_ONLY_SKIP_ACTIVITY_OUTBOX === true && config.DATABASE_URL !== undefined) {
    // A server without its outbox loses activity: never on a real database.
    problems.push('BENCH_ONLY_SKIP_ACTIVITY_OUTBOX is for benchmarks on the embedded database only; unset it');
  }
  if (config.METRICS_PORT !== undefined && config.METRICS_PORT === config.PORT) {
    problems.push('METRICS_PORT must differ from PORT (use METRICS_TOKEN to serve metrics on the public port)');
  }
  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  return config;
}
