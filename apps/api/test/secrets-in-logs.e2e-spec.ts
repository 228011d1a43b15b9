import { describe, expect, it } from '@jest/globals';
import { DEMO_PASSWORD } from '@app/identity';
import { LogCapture, startTestApp } from './support/test-app';

// Its own file: nestjs-pino keeps one logger per module instance, and Jest gives each file its own.
const SECRET = 'test-secret-test-secret-test-secret-1234';
const SIGN_IN = `mutation ($email: String!, $password: String!) {
  signIn(input: { email: $email, password: $password }) { accessToken refreshToken }
}`;
const REFRESH = `mutation ($token: String!) { refreshSession(input: { refreshToken: $token }) { accessToken refreshToken } }`;
const ME = '{ me { email } }';

interface Session {
  accessToken: string;
  refreshToken: string;
}

describe('secrets in logs', () => {
  it('never logs a password, a token or a hash, even at trace level', async () => {
    const logs = new LogCapture();
    const sut = await startTestApp({ LOG_LEVEL: 'trace', JWT_SECRET: SECRET }, logs);
    const secrets: string[] = [DEMO_PASSWORD, 'wrong-password-123'];
    try {
      await sut.client.request(SIGN_IN, { email: 'admin@demo.convene.example', password: 'wrong-password-123' });
      const session = (
        await sut.client.data<{ signIn: Session }>(SIGN_IN, {
          email: 'admin@demo.convene.example',
          password: DEMO_PASSWORD,
        })
      ).signIn;
      const next = (await sut.client.data<{ refreshSession: Session }>(REFRESH, { token: session.refreshToken }))
        .refreshSession;
      await sut.client.request(ME, undefined, { authorization: `Bearer ${next.accessToken}` });
      await sut.client.request(ME, undefined, { authorization: `Bearer ${next.accessToken}x` });
      secrets.push(session.accessToken, session.refreshToken, next.accessToken, next.refreshToken);
    } finally {
      await sut.close();
    }
    expect(logs.lines.length).toBeGreaterThan(5); // the capture works: requests were logged
    for (const secret of secrets) {
      expect(logs.text).not.toContain(secret);
    }
    expect(logs.text).not.toMatch(/scrypt\$|password_?hash|token_?hash|Bearer /i);
  });
});
