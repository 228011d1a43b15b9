import { describe, expect, it } from '@jest/globals';
import type { ValidationError } from 'class-validator';
import { ErrorCode } from './error-code';
import { validationFailed } from './validation-errors';

describe('validationFailed', () => {
  it('names nested fields by their dotted path', () => {
    const errors: ValidationError[] = [
      {
        property: 'filter',
        children: [{ property: 'code', constraints: { matches: 'must be an ONS code' }, children: [] }],
      },
    ];
    const sut = validationFailed(errors);
    expect(sut.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(sut.fields).toEqual([{ field: 'filter.code', message: 'must be an ONS code' }]);
    expect(sut.message).toBe('filter.code: must be an ONS code');
  });
});
