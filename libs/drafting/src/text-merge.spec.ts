import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { attribute, diffTexts, MAX_ANSWER_PARTS } from './history';
import { mergeText } from './text-merge';

describe('merges stay small', () => {
  const same = (count: number) => Array.from({ length: count }, () => 'Same.');
  const text = (lines: string[]) => lines.join('\n\n');

  it('merges edits to different paragraphs of a short text', () => {
    const base = 'One.\n\nTwo.\n\nThree.';
    expect(mergeText(base, 'One!\n\nTwo.\n\nThree.', 'One.\n\nTwo.\n\nThree!')).toEqual({
      clean: true,
      text: 'One!\n\nTwo.\n\nThree!',
    });
  });

  it('merges neighbouring edits in the middle of 2,000 repeated paragraphs: the shared ends take no part', () => {
    const base = same(2_000);
    const mine = [...base];
    mine[1_000] = 'Mine.';
    const theirs = [...base];
    theirs[1_003] = 'Theirs.';
    const merged = [...base];
    merged[1_000] = 'Mine.';
    merged[1_003] = 'Theirs.';
    expect(mergeText(text(base), text(mine), text(theirs))).toEqual({ clean: true, text: text(merged) });
  });

  it('answers a conflict, fast, for edits far apart in 2,000 repeated paragraphs (node-diff3 took seconds)', () => {
    const base = same(2_000);
    const mine = [...base];
    mine[10] = 'Mine.';
    const theirs = [...base];
    theirs[1_990] = 'Theirs.';
    const started = performance.now();
    expect(mergeText(text(base), text(mine), text(theirs))).toEqual({ clean: false });
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('a merge has one budget, however many regions conflict', () => {
  /** A line of `x`s between two words: each side changing a different end makes a word-level region. */
  const line = (first: string, last: string) => [first, ...Array<string>(145).fill('x'), last].join(' ');
  const body = (count: number, first: string, last: string) =>
    Array.from({ length: count }, () => line(first, last)).join('\n-\n');

  it('merges edits to different words of a few long lines', () => {
    expect(mergeText(body(3, 'A', 'Z'), body(3, 'B', 'Z'), body(3, 'A', 'Y'))).toEqual({
      clean: true,
      text: body(3, 'B', 'Y'),
    });
  });

  it('answers a conflict for a stale edit touching every one of 150 long lines (merged, it took 2.8 s)', () => {
    expect(mergeText(body(150, 'A', 'Z'), body(150, 'B', 'Z'), body(150, 'A', 'Y'))).toEqual({ clean: false });
  });
});

describe('diffs and attribution stay small', () => {
  const paragraphs = (mark: string, count: number) => Array.from({ length: count }, (_, i) => `${mark}${i}`);

  it('rebuilds both texts from the parts of a diff too large to take word by word', () => {
    const before = paragraphs('p', 5_600).join('\n\n');
    const after = paragraphs('q', 5_600).join('\n\n');
    const parts = diffTexts(before, after);
    expect(parts.length).toBeLessThanOrEqual(MAX_ANSWER_PARTS);
    expect(
      parts
        .filter((p) => !p.added)
        .map((p) => p.value)
        .join(''),
    ).toBe(before);
    expect(
      parts
        .filter((p) => !p.removed)
        .map((p) => p.value)
        .join(''),
    ).toBe(after);
  });

  it('keeps attribution to at most 1,000 entries, crediting every author, the text whole', () => {
    // Alternating authors paragraph by paragraph: no two neighbours share theirs.
    const first = paragraphs('p', 3_000);
    const second = first.map((p, i) => (i % 2 ? `${p} changed` : p));
    const result = attribute([
      { body: first.join('\n\n'), organisationId: 'a' },
      { body: second.join('\n\n'), organisationId: 'b' },
    ]);
    expect(result.length).toBeLessThanOrEqual(MAX_ANSWER_PARTS);
    expect(result.map((p) => p.text).join('\n\n')).toBe(second.join('\n\n'));
    expect(new Set(result.flatMap((p) => p.organisationIds))).toEqual(new Set(['a', 'b']));
  });
});

describe('merge rules (properties)', () => {
  // Small texts of distinct paragraphs and words, so an edit has one place it can have come from.
  const RUNS = { numRuns: 150 };
  const paragraphCount = fc.integer({ min: 1, max: 8 });
  const base = paragraphCount.map((n) => Array.from({ length: n }, (_, i) => `Paragraph ${i} says p${i}.`));
  const text = (paragraphs: readonly string[]) => paragraphs.join('\n\n');
  /** Any small text: edits anywhere, repeated tokens included. */
  const anyText = fc
    .array(fc.constantFrom('a', 'b', 'c', ' ', '\n', '\n\n', 'same', 'Same.'), { maxLength: 20 })
    .map((parts) => parts.join(''));

  it('an edit with no concurrent change is the edit, and no edit leaves the concurrent change', () => {
    fc.assert(
      fc.property(anyText, anyText, (original, edited) => {
        expect(mergeText(original, edited, original)).toEqual({ clean: true, text: edited });
        expect(mergeText(original, original, edited)).toEqual({ clean: true, text: edited });
      }),
      RUNS,
    );
  });

  it('the same edit made twice counts once', () => {
    fc.assert(
      fc.property(anyText, anyText, (original, edited) => {
        expect(mergeText(original, edited, edited)).toEqual({ clean: true, text: edited });
      }),
      RUNS,
    );
  });

  it('is symmetric: swapping the two sides gives the same outcome', () => {
    fc.assert(
      fc.property(anyText, anyText, anyText, (original, mine, theirs) => {
        expect(mergeText(original, mine, theirs)).toEqual(mergeText(original, theirs, mine));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps both sides of edits to different paragraphs', () => {
    const edits = base
      .filter((paragraphs) => paragraphs.length >= 2)
      .chain((paragraphs) =>
        fc
          .tuple(
            fc.constant(paragraphs),
            fc.integer({ min: 0, max: paragraphs.length - 1 }),
            fc.integer({ min: 0, max: paragraphs.length - 1 }),
          )
          .filter(([, i, j]) => i !== j),
      );
    fc.assert(
      fc.property(edits, ([paragraphs, i, j]) => {
        const mine = paragraphs.with(i, `Mine rewrote ${i}.`);
        const theirs = paragraphs.with(j, `Theirs rewrote ${j}.`);
        const both = mine.with(j, `Theirs rewrote ${j}.`);
        expect(mergeText(text(paragraphs), text(mine), text(theirs))).toEqual({ clean: true, text: text(both) });
      }),
      RUNS,
    );
  });

  it('keeps both sides of edits to words of one paragraph with an unchanged word between them', () => {
    const sentence = fc
      .integer({ min: 3, max: 12 })
      .chain((n) =>
        fc
          .tuple(fc.constant(n), fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 }))
          .filter(([, i, j]) => Math.abs(i - j) >= 2),
      );
    fc.assert(
      fc.property(sentence, ([n, i, j]) => {
        const words = Array.from({ length: n }, (_, k) => `w${k}`);
        const mine = words.with(i, 'MINE');
        const theirs = words.with(j, 'THEIRS');
        const both = mine.with(j, 'THEIRS');
        const wrap = (ws: readonly string[]) => `Before.\n\n${ws.join(' ')}\n\nAfter.`;
        expect(mergeText(wrap(words), wrap(mine), wrap(theirs))).toEqual({ clean: true, text: wrap(both) });
      }),
      RUNS,
    );
  });

  it('answers a conflict for different edits to the same word', () => {
    fc.assert(
      fc.property(base, fc.nat(), (paragraphs, at) => {
        const i = at % paragraphs.length;
        const mine = paragraphs.with(i, `Mine rewrote ${i}.`);
        const theirs = paragraphs.with(i, `Theirs rewrote ${i}.`);
        expect(mergeText(text(paragraphs), text(mine), text(theirs))).toEqual({ clean: false });
      }),
      RUNS,
    );
  });
});
