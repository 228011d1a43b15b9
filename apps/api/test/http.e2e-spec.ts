import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request } from 'node:http';
import { startTestApp, type TestApp } from './support/test-app';

describe('HTTP surface', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp({ GRAPHQL_IDE: 'true' });
  });

  afterAll(async () => {
    await sut.close();
  });

  it('reports liveness and database readiness', async () => {
    const live = await fetch(`${sut.baseUrl}/health/live`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${sut.baseUrl}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('keeps idle connections longer than a proxy would (Node closes them after 5 s, racing the next request)', async () => {
    const response = await fetch(`${sut.baseUrl}/health/live`);
    expect(response.headers.get('keep-alive')).toBe('timeout=65');
  });

  it('names no framework and hashes no GraphQL answer for a tag no client can send back', async () => {
    const response = await fetch(sut.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ policeForceAreas { code } }' }),
    });
    expect(response.status).toBe(200);
    expect([response.headers.get('x-powered-by'), response.headers.get('etag')]).toEqual([null, null]);
    expect(await response.text()).toContain('E23000034');
  });

  it('serves an offline GraphQL IDE to browsers: every asset from this server, none from a CDN', async () => {
    const page = await fetch(sut.graphqlUrl, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(sources.length).toBeGreaterThanOrEqual(4);
    for (const source of sources) {
      expect(source).toMatch(/^\/graphql-ide\//);
      const asset = await fetch(`${sut.baseUrl}${source}`);
      expect(asset.status).toBe(200);
      expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
    expect((await fetch(`${sut.baseUrl}/graphql-ide/..%2Fpackage.json`)).status).toBe(404);
  });

  // The dashboard's files go out the same way (`res.sendFile`); it is built only where it is served.
  it('tags files it serves, so a browser revalidates by tag, not by date alone', async () => {
    for (const path of ['/graphql-ide/graphiql.min.js']) {
      const file = await fetch(`${sut.baseUrl}${path}`);
      await file.arrayBuffer();
      const tag = file.headers.get('etag');
      expect([path, file.status, tag]).toEqual([path, 200, expect.stringMatching(/^W\/".+"$/)]);
      // As a browser revalidates (fetch would add `no-cache` to a conditional request, asking for the body).
      const again = await fetch(`${sut.baseUrl}${path}`, {
        headers: { 'if-none-match': tag ?? '', 'cache-control': 'max-age=0' },
      });
      expect([path, again.status]).toEqual([path, 304]);
    }
  });

  it("gives the dashboard the same CSP whatever the Host header says (a cache may not serve one host's to another)", async () => {
    const cspFor = (host: string): Promise<string> =>
      new Promise((resolve, reject) => {
        const url = new URL(`${sut.baseUrl}/dashboard/`);
        const req = request({ host: url.hostname, port: url.port, path: url.pathname, headers: { host } }, (res) => {
          res.resume();
          resolve(String(res.headers['content-security-policy'] ?? ''));
        });
        req.on('error', reject);
        req.end();
      });
    const own = await cspFor(new URL(sut.baseUrl).host);
    const other = await cspFor('attacker.example:8443');
    expect(own).toContain("connect-src 'self'");
    expect(other).toBe(own);
    expect(own).not.toMatch(/wss?:/);
  });

  it('still answers GraphQL to API clients on the same path', async () => {
    const data = await sut.client.data<{ policeForceArea: { name: string } }>(
      '{ policeForceArea(code: "E23000034") { name } }',
    );
    expect(data.policeForceArea.name).toBe('London, City of');
  });
});

describe('HTTP surface in production', () => {
  it('serves no IDE', async () => {
    const sut = await startTestApp({
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(32),
      PUBLIC_URL: 'https://convene.example',
    });
    try {
      const page = await fetch(sut.graphqlUrl, { headers: { accept: 'text/html' } });
      expect(await page.text()).not.toContain('graphiql');
      expect((await fetch(`${sut.baseUrl}/graphql-ide/graphiql.min.js`)).status).toBe(404);

      const introspection = await sut.client.request('{ __schema { types { name } } }');
      expect(introspection.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      const typo = await sut.client.request('{ policeForceArea(code: "W15000002") { displayNam } }');
      expect(typo.errors?.[0]?.message).not.toMatch(/did you mean/i);
    } finally {
      await sut.close();
    }
  });
});
