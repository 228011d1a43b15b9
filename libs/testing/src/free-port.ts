import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** Lowest port the kernel hands to outgoing connections: below it, only listeners compete with us. */
function ephemeralStart(): number {
  try {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/);
    return Number(low) || 32_768;
  } catch {
    return 32_768;
  }
}

/** Whether nothing listens on `port` at 127.0.0.1 right now. */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/**
 * A port for a server a test starts in another process or by config: drawn below the ephemeral
 * range (so no outgoing connection of this machine can hold it) and checked free before use.
 */
export function randomPort(): number {
  const top = Math.min(ephemeralStart(), 32_768) - 1;
  return 20_000 + Math.floor(Math.random() * (top - 20_000));
}

export async function freePort(): Promise<number> {
  for (let tries = 0; tries < 50; tries++) {
    const port = randomPort();
    if (await isPortFree(port)) {
      return port;
    }
  }
  throw new Error('no free port below the ephemeral range after 50 tries');
}
