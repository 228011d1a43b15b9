/**
 * Database errors carry the statement's values: TypeORM's `parameters` (a password hash, a token
 * hash), PostgreSQL's `detail` ("Failing row contains (…)", "Key (email)=(…)"), `where` and
 * `internalQuery` (PL/pgSQL context), and messages that quote the offending input. Logs keep
 * the SQL text, the SQLSTATE, the constraint and the table, never the values.
 */
const VALUE_FIELDS = ['parameters', 'detail', 'where', 'internalQuery', 'hint'] as const;

const REDACTED = '[redacted]';

/** PostgreSQL messages that quote a value: `invalid input syntax for type uuid: "…"`, `value "…" is out of range…`. */
const QUOTED_VALUES: readonly [RegExp, string][] = [
  [/: ".*"$/s, `: "${REDACTED}"`],
  [/^value ".*?" is out of range/s, `value "${REDACTED}" is out of range`],
];

/** A database error's message without the values it may quote. */
export function redactSqlMessage(message: string): string {
  return QUOTED_VALUES.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), message);
}

const isDatabaseError = (error: Record<string, unknown>): boolean =>
  error.type === 'QueryFailedError' ||
  error.name === 'QueryFailedError' ||
  'driverError' in error ||
  'parameters' in error ||
  (typeof error.code === 'string' && /^[0-9A-Z]{5}$/.test(error.code) && 'severity' in error);

/**
 * A copy of an error (a serialised or live one) fit for a log line: database errors lose their
 * values, in the wrapper, the driver error and any cause. Other errors come back as they are.
 */
export function withoutSqlValues<T>(error: T): T {
  if (!error || typeof error !== 'object') {
    return error;
  }
  const source = error as Record<string, unknown>;
  if (!isDatabaseError(source)) {
    return 'cause' in source && source.cause ? ({ ...source, cause: withoutSqlValues(source.cause) } as T) : error;
  }
  const copy: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(source), 'message', 'stack'])) {
    if (!(VALUE_FIELDS as readonly string[]).includes(key) && source[key] !== undefined) {
      copy[key] = source[key];
    }
  }
  if (typeof copy.message === 'string') {
    copy.message = redactSqlMessage(copy.message);
  }
  if (typeof copy.stack === 'string') {
    // The stack's first line repeats the message.
    const [first = '', ...rest] = copy.stack.split('\n    at ');
    copy.stack = [redactSqlMessage(first), ...rest].join('\n    at ');
  }
  for (const nested of ['driverError', 'cause'] as const) {
    if (copy[nested]) {
      copy[nested] = withoutSqlValues(copy[nested]);
    }
  }
  return copy as T;
}
