import { describe, expect, it } from '@jest/globals';
import { Action, operationPolicy } from '@app/common';
import { POLICY } from '@app/identity';
import { operationRows } from './operation-policy';

describe('operationRows', () => {
  it('refuses two contexts claiming one operation', () => {
    const row = { action: Action.ANYONE };
    expect(() =>
      operationRows([operationPolicy('one', { 'Query.x': row }), operationPolicy('other', { 'Query.x': row })]),
    ).toThrow('Query.x has rows in both one and other');
  });

  it("assembles every context's rows, each with an action the policy decides", () => {
    const rows = [...operationRows().values()];
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.filter(({ rule }) => !POLICY[rule.action]).map(({ operation }) => operation)).toEqual([]);
  });
});
