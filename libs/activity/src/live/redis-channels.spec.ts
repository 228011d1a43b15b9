import { describe, expect, it } from '@jest/globals';
import { defaultRedisNamespace, redisChannels } from './redis-channels';

describe('redisChannels', () => {
  it('puts every channel under the namespace', () => {
    expect(redisChannels('convene')).toEqual({
      activity: 'convene:convene:activity',
      rights: 'convene:convene:rights',
      live: 'convene:convene:live:',
    });
    expect(redisChannels('a').activity).not.toBe(redisChannels('b').activity);
  });

  it("defaults to the database's name, as libpq reads the URL", () => {
    expect(defaultRedisNamespace('postgres://u:p@db:5432/convene_prod')).toBe('convene_prod');
    expect(defaultRedisNamespace('postgres://u@db/my%20db?sslmode=require')).toBe('my db');
    expect(defaultRedisNamespace('postgres://alice@db:5432')).toBe('alice'); // no database: the user's name
    expect(defaultRedisNamespace('postgres://db:5432/')).toBe('postgres');
  });
});
