import { describe, expect, it } from '@jest/globals';
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
