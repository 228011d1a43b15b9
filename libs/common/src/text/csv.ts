import { stringify } from 'csv-stringify/sync';

/**
 * CSV for people to open in a spreadsheet: a text cell starting with = + - @ (or a tab or
 * return) is written with a leading ' so that a name such as `=HYPERLINK(…)` stays text
 * instead of becoming a formula that runs (and can send neighbouring cells away).
 */
export function spreadsheetCsv(rows: readonly (readonly unknown[])[]): string {
  return stringify(rows as unknown[][], { escape_formulas: true });
}
