import { describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { spreadsheetCsv } from './csv';

describe('spreadsheetCsv', () => {
  it('keeps cells that would be formulas as text, and numbers and plain text as they are', () => {
    const rows: string[][] = parse(spreadsheetCsv([['=1+1', '+44 20', '-x', '@SUM(A1)', 'Newport CVS', -2, 0]]));
    const [row] = rows;
    expect(row).toEqual(["'=1+1", "'+44 20", "'-x", "'@SUM(A1)", 'Newport CVS', '-2', '0']);
  });
});
