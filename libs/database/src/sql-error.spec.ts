import { describe, expect, it } from '@jest/globals';
import { redactSqlMessage, withoutSqlValues } from './sql-error';

describe('redactSqlMessage', () => {
  it.each([
    ['invalid input syntax for type uuid: "cvn_secret"', 'invalid input syntax for type uuid: "[redacted]"'],
    ['invalid input value for enum kind: "x"', 'invalid input value for enum kind: "[redacted]"'],
    ['value "99999999999" is out of range for type integer', 'value "[redacted]" is out of range for type integer'],
    [
      'duplicate key value violates unique constraint "person_email_key"',
      'duplicate key value violates unique constraint "person_email_key"',
    ],
    ['relation "person" does not exist', 'relation "person" does not exist'],
  ])('%s → %s', (message, redacted) => {
    expect(redactSqlMessage(message)).toBe(redacted);
  });
});

describe('withoutSqlValues', () => {
  it("drops a failed statement's parameters, detail and context, keeping what locates the failure", () => {
    const sut = withoutSqlValues({
      type: 'QueryFailedError',
      message: 'new row for relation "person" violates check constraint "c"',
      stack: 'QueryFailedError: new row for relation "person" violates check constraint "c"\n    at x',
      query: 'INSERT INTO person VALUES ($1, $2)',
      parameters: ['a@example.org', 'scrypt$…'],
      driverError: { code: '23514', severity: 'ERROR', detail: 'Failing row contains (a@example.org, scrypt$…).' },
      code: '23514',
      constraint: 'c',
      detail: 'Failing row contains (a@example.org, scrypt$…).',
      where: 'PL/pgSQL function f() line 3',
    });
    expect(JSON.stringify(sut)).not.toMatch(/example\.org|scrypt/);
    expect(sut).toMatchObject({ code: '23514', constraint: 'c', query: 'INSERT INTO person VALUES ($1, $2)' });
  });

  it('leaves other errors alone', () => {
    const error = { type: 'Error', message: 'boom: "quoted"', stack: 'Error: boom' };
    expect(withoutSqlValues(error)).toBe(error);
  });
});
