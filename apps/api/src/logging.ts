import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ConsoleLogger, type LoggerService, type LogLevel } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import { type DestinationStream, type Logger as Pino, pino } from 'pino';
import type { Options } from 'pino-http';
import { projectRoot } from '@app/common';
import { withoutSqlValues } from '@app/database';
import type { AppConfig } from './config/app-config';

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Structured JSON logs with request ids; pretty, single-line output in development. */
export function loggingParams(config: AppConfig, destination?: DestinationStream): Params {
  const pretty = !destination && !config.isProduction && config.LOG_LEVEL !== 'silent' && hasPinoPretty();
  const options: Options = {
    level: config.LOG_LEVEL,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader('x-request-id', id);
      return id;
    },
    autoLogging: { ignore: (req) => req.url?.startsWith('/health') ?? false },
    // The request id, method, path and status are enough to correlate; headers are noise.
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        url: redactUrl(req.url),
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      // Receives the error as pino serialised it; a failed statement's values stay out of the log.
      err: (err: Record<string, unknown>) => withoutSqlValues(err),
    },
    // No `redact`: the `req` serializer above leaves every header out (tokens included), and pino
    // would run its redaction for each request's child logger all the same.
    ...(pretty ? { transport: { target: 'pino-pretty', options: { singleLine: true, ignore: 'pid,hostname' } } } : {}),
  };
  return { pinoHttp: destination ? [options, destination] : options };
}

/** A path segment or query value that is a secret token (`cal_…`, `cvn_…`): 32 or more URL-safe characters. */
const SECRET = /^[\w-]{32,}/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Query parameters whose value is secret however it looks. */
const SECRET_PARAMETERS = /token|secret|key|password|code|signature|auth/i;
const REDACTED = '[redacted]';

const redactSegment = (segment: string): string =>
  UUID.test(segment.replace(/\.[a-z]+$/i, '')) ? segment : segment.replace(SECRET, REDACTED);

/**
 * The URL as it may be logged: secret tokens in the path (private calendar feeds are
 * `/calendars/feeds/cal_<secret>.ics`) and in query values are replaced; ids stay readable.
 */
export function redactUrl(url: string | undefined): string | undefined {
  if (!url) {
    return url;
  }
  const at = url.indexOf('?');
  const path = at < 0 ? url : url.slice(0, at);
  const redactedPath = path.split('/').map(redactSegment).join('/');
  if (at < 0) {
    return redactedPath;
  }
  const query = url
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      if (equals < 0) {
        return redactSegment(pair);
      }
      const name = pair.slice(0, equals);
      const value = pair.slice(equals + 1);
      return `${name}=${SECRET_PARAMETERS.test(name) ? REDACTED : redactSegment(value)}`;
    })
    .join('&');
  return `${redactedPath}?${query}`;
}

function hasPinoPretty(): boolean {
  try {
    createRequire(join(projectRoot(), 'package.json')).resolve('pino-pretty');
    return true;
  } catch {
    return false; // production installs omit dev dependencies
  }
}

/** Nest's console logger levels for a pino level, used before the pino logger exists. */
export function nestLogLevels(level: AppConfig['LOG_LEVEL']): LogLevel[] {
  const order: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
  const upTo = { silent: -1, fatal: 0, error: 1, warn: 2, info: 3, debug: 4, trace: 5 }[level];
  return order.slice(0, upTo + 1);
}

/**
 * The logger for what is written before Nest's pino logger exists (configuration, migrations,
 * seeding): pino's JSON lines in production, so that a log collector reads every line; Nest's
 * console logger otherwise.
 */
export function startupLogger(config: AppConfig): LoggerService {
  return config.isProduction
    ? new PinoStartupLogger(pino({ level: config.LOG_LEVEL }))
    : new ConsoleLogger({ logLevels: nestLogLevels(config.LOG_LEVEL) });
}

/** One JSON line on stderr for a start-up that fails in production (nothing else is running yet). */
export function logFatal(message: string): void {
  pino(pino.destination({ dest: 2, sync: true })).fatal(message);
}

/** Nest's LoggerService over pino, with Nest's trailing `context` argument as a field. */
class PinoStartupLogger implements LoggerService {
  constructor(private readonly pino: Pino) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace', message: unknown, rest: unknown[]) {
    const context = typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : undefined;
    if (message instanceof Error) {
      this.pino[level]({ context, err: message }, message.message);
    } else {
      this.pino[level]({ context }, typeof message === 'string' ? message : JSON.stringify(message));
    }
  }
}
