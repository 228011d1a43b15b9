import { errorChain } from '@app/common';
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

function messagesOf(error: unknown): string {
  const chain = errorChain(error);
  return chain.length
    ? chain
        .map((link) => link.message)
        .filter(Boolean)
        .join('\n')
    : String(error);
}

function codesOf(error: unknown): string[] {
  return errorChain(error).flatMap((link) => {
    const { code } = link as { code?: unknown };
    return typeof code === 'string' ? [code] : [];
  });
}
