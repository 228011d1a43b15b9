import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { projectRoot } from '@app/common';

/** Reads a seed CSV (header row, UTF-8) from `seeds/` into records keyed by column name. */
export function readSeedCsv(...path: string[]): Record<string, string>[] {
  const text = readFileSync(join(projectRoot(), 'seeds', ...path), 'utf8');
  return parse<Record<string, string>>(text, { columns: true, skip_empty_lines: true, trim: true });
}
