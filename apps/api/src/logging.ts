import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ConsoleLogger, type LoggerService, type LogLevel } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import { type DestinationStream, type Logger as Pino, pino } from 'pino';
import type { Options } from 'pino-http';
import { projectRoot } from '@app/common';
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
      req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]'],
    ...(pretty ? { transport: { target: 'pino-pretty', options: { singleLine: true, ignore: 'pid,hostname' } } } : {}),
  };
  return { pinoHttp: destination ? [options, destination] : options };
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
