import { describe, expect, it } from '@jest/globals';
import { startupFailure } from './startup-failure';

const withCode = (message: string, code: string): Error => Object.assign(new Error(message), { code });

describe('startupFailure', () => {
  it('names the server (not the password) when PostgreSQL refuses the connection', () => {
    const sut = startupFailure(
      withCode('connect ECONNREFUSED 127.0.0.1:5499', 'ECONNREFUSED'),
      'postgres://convene:secret@127.0.0.1:5499/convene',
    );
    expect(sut).toBe(
      'Convene failed to start: cannot reach PostgreSQL at 127.0.0.1:5499/convene (connection refused): is it running, and is DATABASE_URL right?',
    );
  });

  it('says the disk is full for PostgreSQL disk_full (53100) during migrations, in one line', () => {
    const driver = withCode('could not extend file "base/16384/2619": No space left on device', '53100');
    const sut = startupFailure(Object.assign(new Error('Migration failed'), { driverError: driver }));
    expect(sut).toBe(
      'Convene failed to start: the disk is full (could not extend file "base/16384/2619": No space left on device); free space where PostgreSQL keeps its data and start again.',
    );
  });

  it('keeps other failures to the first line of their message', () => {
    expect(startupFailure(new Error('first\nsecond'))).toBe('Convene failed to start: first');
  });
});
