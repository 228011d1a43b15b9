import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

let cached: string | undefined;

/**
 * The folder holding Convene's package.json, found by walking up from the working
 * directory; seeds and the schema file are read relative to it (compiled and test
 * code live at different depths, so paths relative to a source file would differ).
 */
export function projectRoot(): string {
  if (cached) {
    return cached;
  }
  let dir = resolve(process.cwd());
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && isConvene(manifest)) {
      cached = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(`Run Convene from its project folder: no Convene package.json above ${process.cwd()}`);
    }
    dir = parent;
  }
}

function isConvene(manifest: string): boolean {
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'convene';
  } catch {
    return false;
  }
}
