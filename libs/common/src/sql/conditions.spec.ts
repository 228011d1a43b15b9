import { describe, expect, it } from '@jest/globals';
import { SqlConditions, sqlWhere } from './conditions';

describe('SqlConditions', () => {
  it('numbers each value as it is added, one or several per condition', () => {
    const where = new SqlConditions()
      .and((status) => `t.status = ${status}`, 'ACTIVE')
      .and((a, b) => `(t.a = ${a} OR t.b = ANY(${b}))`, 1, [2, 3]);
    expect(where.conditions).toEqual(['t.status = $1', '(t.a = $2 OR t.b = ANY($3))']);
    expect(where.parameters).toEqual(['ACTIVE', 1, [2, 3]]);
    expect(sqlWhere(where.conditions)).toBe(' WHERE t.status = $1 AND (t.a = $2 OR t.b = ANY($3))');
    expect(sqlWhere([])).toBe('');
  });
});
