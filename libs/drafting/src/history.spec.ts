import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { attribute, diffTexts, HistoryBudget } from './history';

const RUNS = { numRuns: 100 };
const anyText = fc
  .array(fc.constantFrom('a', 'b', 'word', ' ', '\n', '\n\n', 'Same.'), { maxLength: 25 })
  .map((parts) => parts.join(''));

describe('diffTexts', () => {
  it('gives back both texts: the parts not added are the first, the parts not removed the second', () => {
    fc.assert(
      fc.property(anyText, anyText, (before, after) => {
        const parts = diffTexts(before, after);
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
        expect(parts.every((p) => !(p.added && p.removed))).toBe(true);
      }),
      RUNS,
    );
  });

  it('shows no change between equal texts', () => {
    expect(diffTexts('One two.', 'One two.').every((p) => !p.added && !p.removed)).toBe(true);
  });

  it('shows a changed word as removed then added', () => {
    expect(diffTexts('One two.', 'One three.').filter((p) => p.added || p.removed)).toEqual([
      { value: 'two', added: false, removed: true },
      { value: 'three', added: true, removed: false },
    ]);
  });
});

describe('attribute', () => {
  it('credits the first author with every paragraph', () => {
    expect(attribute([{ body: 'One.\n\nTwo.', organisationId: 'a' }])).toEqual([
      { text: 'One.', organisationIds: ['a'] },
      { text: 'Two.', organisationIds: ['a'] },
    ]);
  });

  it('keeps a paragraph kept as it was with its authors, and adds a reviser to one rewritten', () => {
    expect(
      attribute([
        { body: 'One.\n\nTwo.', organisationId: 'a' },
        { body: 'One.\n\nTwo, rewritten.\n\nThree.', organisationId: 'b' },
      ]),
    ).toEqual([
      { text: 'One.', organisationIds: ['a'] },
      { text: 'Two, rewritten.', organisationIds: ['a', 'b'] },
      { text: 'Three.', organisationIds: ['a', 'b'] },
    ]);
  });

  it('adds nobody for a revision without an organisation', () => {
    expect(
      attribute([
        { body: 'One.', organisationId: 'a' },
        { body: 'One.\n\nNew.', organisationId: null },
      ]),
    ).toEqual([
      { text: 'One.', organisationIds: ['a'] },
      { text: 'New.', organisationIds: [] },
    ]);
  });

  it('attributes exactly the last revision’s paragraphs, each to authors who wrote a revision', () => {
    const revision = fc.record({
      body: fc.array(fc.constantFrom('A.', 'B.', 'C.', 'D.'), { maxLength: 6 }).map((ps) => ps.join('\n\n')),
      organisationId: fc.constantFrom('a', 'b', 'c', null),
    });
    fc.assert(
      fc.property(fc.array(revision, { minLength: 1, maxLength: 6 }), (revisions) => {
        const result = attribute(revisions);
        const last = revisions[revisions.length - 1].body.split('\n\n').filter((p) => p.length > 0);
        expect(result.map((p) => p.text)).toEqual(last);
        const authors = new Set<string | null>(revisions.map((r) => r.organisationId));
        for (const paragraph of result) {
          expect(paragraph.organisationIds).toEqual([...new Set(paragraph.organisationIds)].sort());
          expect(paragraph.organisationIds.every((id) => authors.has(id))).toBe(true);
        }
      }),
      RUNS,
    );
  });
});

describe("a request's history budget", () => {
  it('once spent, answers at once and coarsely: a diff is the whole text replaced', () => {
    expect(diffTexts('One two.', 'One three.', new HistoryBudget(0))).toEqual([
      { value: 'One two.', added: false, removed: true },
      { value: 'One three.', added: true, removed: false },
    ]);
  });

  it('once spent, credits each paragraph of the last revision to every author, later ones included', () => {
    const revisions = [
      { body: 'One.\n\nTwo.', organisationId: 'b' },
      { body: 'One.\n\nTwo, rewritten.', organisationId: null },
      { body: 'One.\n\nTwo, rewritten.\n\nThree.', organisationId: 'a' },
    ];
    expect(attribute(revisions, new HistoryBudget(0))).toEqual([
      { text: 'One.', organisationIds: ['a', 'b'] },
      { text: 'Two, rewritten.', organisationIds: ['a', 'b'] },
      { text: 'Three.', organisationIds: ['a', 'b'] },
    ]);
    expect(attribute(revisions, new HistoryBudget())).toEqual([
      { text: 'One.', organisationIds: ['b'] },
      { text: 'Two, rewritten.', organisationIds: ['b'] },
      { text: 'Three.', organisationIds: ['a'] },
    ]);
  });

  it('is shared: what one call spends, the next has no more', () => {
    const budget = new HistoryBudget(30);
    const slow = budget.spend(() => {
      const until = Date.now() + 35;
      while (Date.now() < until) {
        // the time a long diff takes
      }
      return 'spent';
    });
    expect(slow).toBe('spent');
    expect(diffTexts('One two.', 'One three.', budget)).toHaveLength(2);
  });
});
