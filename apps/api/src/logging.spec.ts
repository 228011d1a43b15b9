import { describe, expect, it } from '@jest/globals';
import { redactUrl } from './logging';

const SECRET = 'cal_' + 'Ab3-_x'.repeat(7) + 'Z';

describe('redactUrl', () => {
  it.each([
    [`/calendars/feeds/${SECRET}.ics`, '/calendars/feeds/[redacted].ics'],
    [`/calendars/feeds/${SECRET}.ics?x=1`, '/calendars/feeds/[redacted].ics?x=1'],
    [
      `/graphql?token=short&access_token=${SECRET}&q=${SECRET}`,
      '/graphql?token=[redacted]&access_token=[redacted]&q=[redacted]',
    ],
    [
      '/calendars/networks/0b9a7d1e-3c1f-4d8e-9a53-5f0b6e1c2a44.ics',
      '/calendars/networks/0b9a7d1e-3c1f-4d8e-9a53-5f0b6e1c2a44.ics',
    ],
    ['/calendars/areas/W15000002.ics', '/calendars/areas/W15000002.ics'],
    ['/graphql', '/graphql'],
  ])('logs %s as %s', (url, logged) => {
    expect(redactUrl(url)).toBe(logged);
  });
});
