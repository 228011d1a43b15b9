import { diff3Merge } from 'node-diff3';

export type MergeOutcome = { readonly clean: true; readonly text: string } | { readonly clean: false };

/** Lossless tokenisers: joining the tokens gives the text back exactly. */
const lines = (text: string): string[] => text.match(/[^\n]*\n|[^\n]+/g) ?? [];
const words = (text: string): string[] => text.match(/\s+|\S+/g) ?? [];

/**
 * Word-level merges cost about the cube of their tokens on repeated ones (every space is one):
 * past this many tokens a side, a region counts as a conflict rather than burn the server.
 */
const MAX_WORD_TOKENS = 1_000;

/**
 * Three-way merge of an edit into a text others changed since its base. Line by line first;
 * lines both sides changed are merged again word by word, so changes to different words of a
 * paragraph both survive and the same change made twice counts once. Changes to the same (or
 * touching) words are a conflict: the caller writes nothing and answers it.
 */
export function mergeText(base: string, mine: string, current: string): MergeOutcome {
  if (mine === base || mine === current) {
    return { clean: true, text: current };
  }
  if (current === base) {
    return { clean: true, text: mine };
  }
  const merged: string[] = [];
  for (const region of diff3Merge(lines(mine), lines(base), lines(current), { excludeFalseConflicts: true })) {
    if (region.ok) {
      merged.push(...region.ok);
      continue;
    }
    const conflict = region.conflict;
    const words = conflict && mergeWords(conflict.o.join(''), conflict.a.join(''), conflict.b.join(''));
    if (words === undefined || words === null) {
      return { clean: false };
    }
    merged.push(words);
  }
  return { clean: true, text: merged.join('') };
}

/** The word-level merge of one region, or null for a conflict. */
function mergeWords(base: string, mine: string, current: string): string | null {
  let [o, a, b] = [words(base), words(mine), words(current)];
  // Tokens common to all three at either end take no part: trimming them keeps the merge small.
  let head = 0;
  while (head < o.length && head < a.length && head < b.length && o[head] === a[head] && o[head] === b[head]) {
    head++;
  }
  let tail = 0;
  const at = (tokens: string[], i: number) => tokens[tokens.length - 1 - i];
  while (
    tail < o.length - head &&
    tail < a.length - head &&
    tail < b.length - head &&
    at(o, tail) === at(a, tail) &&
    at(o, tail) === at(b, tail)
  ) {
    tail++;
  }
  const prefix = o.slice(0, head).join('');
  const suffix = o.slice(o.length - tail).join('');
  [o, a, b] = [o.slice(head, o.length - tail), a.slice(head, a.length - tail), b.slice(head, b.length - tail)];
  if (Math.max(o.length, a.length, b.length) > MAX_WORD_TOKENS) {
    return null;
  }
  const merged: string[] = [];
  for (const region of diff3Merge(a, o, b, { excludeFalseConflicts: true })) {
    if (!region.ok) {
      return null;
    }
    merged.push(...region.ok);
  }
  return prefix + merged.join('') + suffix;
}
