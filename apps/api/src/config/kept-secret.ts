import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A signing secret kept in `file` (mode 600), made on first use: in development a restart keeps
 * everyone signed in. Two processes starting together agree: the file is created exclusively, and
 * the loser reads the winner's.
 */
export function keptSecret(file: string): string {
  const existing = read(file);
  if (existing) {
    return existing;
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(48).toString('base64');
  try {
    writeFileSync(file, `${secret}\n`, { flag: 'wx', mode: 0o600 });
    return secret;
  } catch (error) {
    const winner = (error as NodeJS.ErrnoException).code === 'EEXIST' ? read(file) : null;
    if (winner) {
      return winner;
    }
    throw new Error(`Cannot keep the development signing secret in ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

function read(file: string): string | null {
  try {
    const secret = readFileSync(file, 'utf8').trim();
    if (secret.length < 32) {
      return null;
    }
    chmodSync(file, 0o600); // the owner's alone, whatever it was copied with
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return null;
    }
    throw error;
  }
}
