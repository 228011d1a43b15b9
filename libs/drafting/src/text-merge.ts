import { diff3Merge } from 'node-diff3';

export type MergeOutcome = { readonly clean: true; readonly text: string } | { readonly clean: false };

/** Lossless tokenisers: joining the tokens gives the text back exactly. */
const lines = (text: string): string[] => text.match(/[^\n]*\n|[^\n]+/g) ?? [];
const words = (text: string): string[] => text.match(/\s+|\S+/g) ?? [];

/**
 * node-diff3 costs about the cube of the tokens on repeated ones (every blank line, every space):
 * 1,000 took seconds. Past this many tokens a side (once the ends all three share are set aside),
 * a merge or region counts as a conflict rather than hold the server.
 */
const MAX_MERGE_TOKENS = 300;
/**
 * Most work one merge may do in all, counted as the cube of each merged region's longest side: a
 * line merge and two word merges of the largest size (~15 ms each), however many regions conflict
 * (150 of them took 2.8 s). Past it the merge counts as a conflict.
 */
const MAX_MERGE_WORK = 3 * MAX_MERGE_TOKENS ** 3;

/** The work a merge has left (see MAX_MERGE_WORK); false once a region would overrun it. */
class MergeWork {
  private left = MAX_MERGE_WORK;

  take(...sides: readonly (readonly string[])[]): boolean {
    const longest = Math.max(...sides.map((side) => side.length));
    if (longest > MAX_MERGE_TOKENS) {
      return false;
    }
    this.left -= longest ** 3;
    return this.left >= 0;
  }
}

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
  const { prefix, suffix, o, a, b } = sharedEnds(lines(base), lines(mine), lines(current));
  const work = new MergeWork();
  if (!work.take(o, a, b)) {
    return { clean: false };
  }
  const merged: string[] = [prefix];
  for (const region of diff3Merge(a, o, b, { excludeFalseConflicts: true })) {
    if (region.ok) {
      merged.push(...region.ok);
      continue;
    }
    const conflict = region.conflict;
    const words = conflict && mergeWords(conflict.o.join(''), conflict.a.join(''), conflict.b.join(''), work);
    if (words === undefined || words === null) {
      return { clean: false };
    }
    merged.push(words);
  }
  merged.push(suffix);
  return { clean: true, text: merged.join('') };
}

/** The word-level merge of one region, or null for a conflict. */
function mergeWords(base: string, mine: string, current: string, work: MergeWork): string | null {
  const { prefix, suffix, o, a, b } = sharedEnds(words(base), words(mine), words(current));
  if (!work.take(o, a, b)) {
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

/** Tokens common to all three at either end take no part: setting them aside keeps the merge small. */
function sharedEnds(
  base: string[],
  mine: string[],
  current: string[],
): { prefix: string; suffix: string; o: string[]; a: string[]; b: string[] } {
  const [o, a, b] = [base, mine, current];
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
  return {
    prefix: o.slice(0, head).join(''),
    suffix: o.slice(o.length - tail).join(''),
    o: o.slice(head, o.length - tail),
    a: a.slice(head, a.length - tail),
    b: b.slice(head, b.length - tail),
  };
}
