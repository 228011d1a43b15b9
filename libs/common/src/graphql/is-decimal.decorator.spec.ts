import { describe, expect, it } from '@jest/globals';
import { decimalPlaces } from './is-decimal.decorator';

describe('decimalPlaces', () => {
  it('counts the places of plain and exponent notation alike', () => {
    expect(decimalPlaces(27.4)).toBe(1);
    expect(decimalPlaces(100)).toBe(0);
    expect(decimalPlaces(-0.25)).toBe(2);
    expect(decimalPlaces(5e-324)).toBe(324);
    expect(decimalPlaces(1e-7)).toBe(7);
    expect(decimalPlaces(1.5e-7)).toBe(8);
    expect(decimalPlaces(1e21)).toBe(0);
    expect(decimalPlaces(Number.NaN)).toBe(Number.POSITIVE_INFINITY);
  });
});
