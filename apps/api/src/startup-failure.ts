import { isDatabaseUnavailable } from '@app/database';

const DISK_FULL = /No space left on device|ENOSPC|disk full/i;

/**
 * One line saying what stopped the start and what to do, for the errors an operator meets
 * (PostgreSQL not there, a full disk); anything else is its message's first line.
 */
export function startupFailure(error: unknown, databaseUrl?: string): string {
  const text = messagesOf(error);
  const where = databaseUrl ? serverOf(databaseUrl) : 'the embedded PostgreSQL';
  if (DISK_FULL.test(text) || codesOf(error).some((code) => code === 'ENOSPC' || code === '53100')) {
    const detail = /could not [^\n]*?No space left on device/.exec(text)?.[0] ?? text;
    return `Convene failed to start: the disk is full (${squash(detail)}); free space where PostgreSQL keeps its data and start again.`;
  }
  if (isDatabaseUnavailable(error)) {
    const refused = codesOf(error).includes('ECONNREFUSED');
    return (
      `Convene failed to start: cannot reach PostgreSQL at ${where}` +
      (refused ? ' (connection refused)' : ` (${squash(text)})`) +
      ': is it running, and is DATABASE_URL right?'
    );
  }
  return `Convene failed to start: ${squash(text)}`;
}

/** host:port/database of a URL, never its password. */
function serverOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

function squash(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? text;
  return line.replace(/\s+/g, ' ').trim().slice(0, 400);
}

function messagesOf(error: unknown, depth = 0): string {
  if (!(error instanceof Error) || depth > 4) {
    return String(error);
  }
  const inner = error.cause ?? (error as { driverError?: unknown }).driverError;
  const errors = error instanceof AggregateError ? error.errors : [];
  return [
    error.message,
    ...(inner ? [messagesOf(inner, depth + 1)] : []),
    ...errors.map((e) => messagesOf(e, depth + 1)),
  ]
    .filter(Boolean)
    .join('\n');
}

function codesOf(error: unknown, depth = 0): string[] {
  if (!(error instanceof Error) || depth > 4) {
    return [];
  }
  const code = (error as { code?: unknown }).code;
  const inner = error.cause ?? (error as { driverError?: unknown }).driverError;
  const errors = error instanceof AggregateError ? error.errors : [];
  return [
    ...(typeof code === 'string' ? [code] : []),
    ...codesOf(inner, depth + 1),
    ...errors.flatMap((e) => codesOf(e, depth + 1)),
  ];
}
