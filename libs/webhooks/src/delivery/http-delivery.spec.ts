import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { postWebhook, type WebhookRequest } from './http-delivery';

/** A receiver on loopback whose answer each test chooses by path. */
describe('postWebhook', () => {
  let server: Server;
  let port = 0;
  const seen: { path: string; host: string | undefined; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((request: IncomingMessage, response: ServerResponse) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        seen.push({ path: request.url ?? '', host: request.headers.host, body });
        switch (request.url ?? '') {
          case '/ok':
            response.writeHead(204).end();
            break;
          case '/redirect':
            response.writeHead(302, { location: '/ok' }).end();
            break;
          case '/huge':
            response.writeHead(200, { 'content-type': 'text/plain' });
            response.end('x'.repeat(5 * 1024 * 1024));
            break;
          case '/silent':
            break; // never answers
          default:
            response.writeHead(500).end('no');
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const send = (path: string, change: Partial<WebhookRequest> = {}) =>
    postWebhook({
      url: `http://localhost:${port}${path}`,
      headers: { 'webhook-id': 'msg_test' },
      body: '{"type":"test"}',
      allowPrivate: true,
      timeoutMs: 5_000,
      maxResponseBytes: 64 * 1024,
      ...change,
    });

  it('posts the body to the pinned address with the URL host as Host', async () => {
    const result = await send('/ok');
    expect(result).toMatchObject({ ok: true, status: 204, error: null });
    expect(seen.at(-1)).toEqual({ path: '/ok', host: `localhost:${port}`, body: '{"type":"test"}' });
  });

  it('refuses a host resolving to a private address unless allowed, sending nothing', async () => {
    const before = seen.length;
    const byName = await send('/ok', { allowPrivate: false, url: 'https://localhost/ok' });
    const byAddress = await send('/ok', { allowPrivate: false, url: 'https://127.0.0.1/ok' });
    expect(byName).toMatchObject({ ok: false, status: null });
    // The log says why in a category, never which address (it would map the sender's network).
    expect(byName.error).toBe('refused: the host resolves to a private address');
    expect(byAddress.error).toBe('refused: the host resolves to a private address');
    expect(seen.length).toBe(before);
  });

  it('refuses a port other than 443 or 8443 unless private addresses are allowed, sending nothing', async () => {
    const before = seen.length;
    const refused = await send('/ok', { allowPrivate: false });
    expect(refused).toMatchObject({ ok: false, status: null, error: `refused: port ${port} is not 443 or 8443` });
    expect(await send('/ok')).toMatchObject({ ok: true, status: 204 });
    expect(seen.length).toBe(before + 1);
  });

  it('does not follow redirects', async () => {
    expect(await send('/redirect')).toMatchObject({ ok: false, status: 302, error: 'redirect (302) not followed' });
    expect(seen.at(-1)?.path).toBe('/redirect');
  });

  it('reads a bounded part of a large answer', async () => {
    const result = await send('/huge');
    expect(result).toMatchObject({ ok: true, status: 200 });
  });

  it('gives up at the deadline', async () => {
    const result = await send('/silent', { timeoutMs: 300 });
    expect(result).toMatchObject({ ok: false, status: null, error: 'no answer within 300 ms' });
    expect(result.latencyMs).toBeGreaterThanOrEqual(250);
    expect(result.latencyMs).toBeLessThan(5_000);
  });

  it('reports a failed answer and a refused connection', async () => {
    expect(await send('/fail')).toMatchObject({ ok: false, status: 500, error: 'HTTP 500' });
    const closed = await send('/ok', { url: 'http://127.0.0.1:1/ok' });
    expect(closed.ok).toBe(false);
    // A category only: the connection error's own text names the address and port tried.
    expect(closed.error).toBe('connection refused');
    const tls = await send('/ok', { url: `https://localhost:${port}/ok` }); // TLS to a plain HTTP server
    expect(tls).toMatchObject({ ok: false, status: null, error: 'TLS handshake failed' });
  });
});
