import { describe, expect, it } from '@jest/globals';
import { Webhook } from 'standardwebhooks';
import { newWebhookSecret, signatureHeader, signWebhook } from './signature';

describe('Standard Webhooks signatures', () => {
  const body = JSON.stringify({ type: 'activity.ORGANISATION_UPDATED', data: { sequence: '42' } });

  it('signs as the reference library does, and verifies with it', () => {
    const secret = newWebhookSecret();
    const sent = new Date('2026-12-02T05:00:00Z');
    const timestamp = Math.floor(sent.getTime() / 1000);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(signWebhook(secret, 'msg_1', timestamp, body)).toBe(new Webhook(secret).sign('msg_1', sent, body));
    const headers = {
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
      'webhook-signature': '',
    };
    headers['webhook-signature'] = signatureHeader([secret], 'msg_1', Number(headers['webhook-timestamp']), body);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('signs with both secrets during a rotation, so a receiver holding either verifies', () => {
    const [current, previous] = [newWebhookSecret(), newWebhookSecret()];
    const timestamp = String(Math.floor(Date.now() / 1000));
    const headers = {
      'webhook-id': 'msg_2',
      'webhook-timestamp': timestamp,
      'webhook-signature': signatureHeader([current, previous], 'msg_2', Number(timestamp), body),
    };
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(current).verify(body, headers)).toBeTruthy();
    expect(new Webhook(previous).verify(body, headers)).toBeTruthy();
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(current).verify(`${body} `, headers)).toThrow();
  });
});
