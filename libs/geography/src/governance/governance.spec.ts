import { describe, expect, it } from '@jest/globals';
import { periodOn } from './governance';

describe('periodOn', () => {
  const history = [
    { name: 'PCC', since: '2012-11-22', until: '2024-05-07' },
    { name: 'MAYOR', since: '2024-05-07', until: '2028-05-04' },
    { name: 'BOARD', since: '2028-05-04', until: null },
  ];

  it('treats since as inclusive and until as exclusive', () => {
    expect(periodOn(history, '2024-05-06')?.name).toBe('PCC');
    expect(periodOn(history, '2024-05-07')?.name).toBe('MAYOR');
  });

  it('answers a future period for a future date (planned transitions)', () => {
    expect(periodOn(history, '2030-01-01')?.name).toBe('BOARD');
  });

  it('answers null before the records begin', () => {
    expect(periodOn(history, '2012-11-21')).toBeNull();
  });

  it('treats an open start as always having applied', () => {
    expect(periodOn([{ since: null, until: null }], '1900-01-01')).toEqual({ since: null, until: null });
  });
});
