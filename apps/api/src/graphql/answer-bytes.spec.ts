import { describe, expect, it } from '@jest/globals';
import { answerBytes } from './answer-bytes';
import type { Result } from './response-cache/response-store';

const asJson = (value: unknown): string => `${JSON.stringify(value)}\n`;

describe('answerBytes', () => {
  const bare = Object.assign(Object.create(null) as object, { label: 'Young adults (18–25)', n: -0 });
  const answers: Result[] = [
    { data: { __typename: 'Query' } },
    { data: null, extensions: undefined },
    {
      data: {
        areas: Array.from({ length: 12 }, (_, i) => ({
          code: `E${i}`,
          label: i % 5 === 0 ? 'Young adults (18–25)' : 'Adults',
          gone: undefined,
          share: i / 7,
          none: null,
          list: [1, 'café', null],
          bare,
        })),
        short: [1, 2, 3],
        long: [
          undefined,
          null,
          'a',
          'Women’s Aid',
          1e21,
          NaN,
          true,
          { toJSON: 'a field, not a method' },
          [],
          {},
          '"\\\n',
        ],
        when: new Date(0),
        nothing: { toJSON: () => undefined },
        nothings: Array.from({ length: 9 }, () => ({ toJSON: () => undefined })),
        toJSON: 'an alias',
      },
    },
  ];

  it('writes the bytes of JSON.stringify and a newline, whole or in pieces, and says whether any is beyond ASCII', () => {
    for (const answer of answers) {
      const expected = Buffer.from(asJson(answer));
      for (const piecewise of [false, true]) {
        const { bytes, beyondAscii } = answerBytes(answer, piecewise);
        expect(bytes.equals(expected)).toBe(true);
        expect(beyondAscii).toBe(expected.length !== asJson(answer).length);
      }
    }
    expect(answerBytes(answers[0], true).beyondAscii).toBe(false);
    expect(answerBytes(answers[2], true).beyondAscii).toBe(true);
  });

  it('keeps each answer its own bytes, one longer than the room kept between answers too', () => {
    const piece = (n: number, label: string): Result => ({
      data: { items: Array.from({ length: n }, (_, i) => ({ n: i, label })) },
    });
    const [first, long, other] = [piece(9, '18–25'), piece(20_000, '18–25'), piece(12, 'Women’s Aid')];
    const firstBytes = answerBytes(first, true).bytes;
    const longBytes = answerBytes(long, true).bytes; // 3 bytes a character over 256 kB: its own room
    const otherBytes = answerBytes(other, true).bytes;
    expect(longBytes.equals(Buffer.from(asJson(long)))).toBe(true);
    expect(otherBytes.equals(Buffer.from(asJson(other)))).toBe(true);
    expect(firstBytes.equals(Buffer.from(asJson(first)))).toBe(true); // not overwritten by the next answer
  });
});
