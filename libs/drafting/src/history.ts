import { diffArrays, diffLines, diffWordsWithSpace } from 'diff';

/** One run of a word diff between two texts. */
export interface DiffPart {
  readonly value: string;
  readonly added: boolean;
  readonly removed: boolean;
}

/** Most time one diff or attribution may take, in milliseconds; past it the answer is coarser. */
const DIFF_BUDGET_MS = 40;
/**
 * Splitting text into tokens happens before `diff`'s timeout is checked: past these sizes (both
 * texts together) the word diff, then the line diff, are not tried at all.
 */
const WORD_DIFF_MAX_CHARS = 200_000;
const LINE_DIFF_MAX_CHARS = 2_000_000;
/** Most parts (diff runs, attributed paragraphs) one answer lists; past it the answer is coarser. */
export const MAX_ANSWER_PARTS = 1_000;

/**
 * Word by word, whitespace included (so a reader sees every change); line by line when that takes
 * too long; a whole replacement past that.
 */
export function diffTexts(before: string, after: string): DiffPart[] {
  const fits = <T>(parts: T[] | undefined): T[] | undefined =>
    parts && parts.length <= MAX_ANSWER_PARTS ? parts : undefined;
  // One budget for both tries, so the fallback cannot double the time.
  const deadline = Date.now() + DIFF_BUDGET_MS;
  const left = (): number => Math.max(1, deadline - Date.now());
  const size = before.length + after.length;
  const parts =
    (size <= WORD_DIFF_MAX_CHARS ? fits(diffWordsWithSpace(before, after, { timeout: left() })) : undefined) ??
    (size <= LINE_DIFF_MAX_CHARS ? fits(diffLines(before, after, { timeout: left() })) : undefined);
  if (!parts) {
    return [
      { value: before, added: false, removed: true },
      { value: after, added: true, removed: false },
    ];
  }
  return parts.map((part) => ({ value: part.value, added: part.added, removed: part.removed }));
}

/** A revision of one section, as attribution reads it. */
export interface AuthoredBody {
  readonly body: string;
  readonly organisationId: string | null;
}

/** A paragraph of the current text and the organisations whose words are in it. */
export interface AttributedParagraph {
  readonly text: string;
  readonly organisationIds: string[];
}

const paragraphs = (body: string): string[] => body.split(/\n{2,}/).filter((p) => p.trim().length > 0);

/**
 * Who wrote each paragraph, replaying a section's revisions in order: a paragraph kept as it was
 * keeps its authors; one rewritten adds the reviser to the authors of what it replaced; a new one
 * is its author's alone. Revisions without an organisation add nobody. Past MAX_ANSWER_PARTS
 * paragraphs, neighbours with the same authors come as one, and the last holds all the rest.
 */
export function attribute(revisions: readonly AuthoredBody[]): AttributedParagraph[] {
  // One budget for the whole replay: a revision diffed past it credits its author, with everyone
  // before, for every paragraph it changed or not (coarser, never wrong by omission).
  const deadline = Date.now() + DIFF_BUDGET_MS;
  let current: AttributedParagraph[] = [];
  for (const revision of revisions) {
    const next: AttributedParagraph[] = [];
    const author = revision.organisationId ? [revision.organisationId] : [];
    const texts = paragraphs(revision.body);
    const parts = diffArrays(
      current.map((p) => p.text),
      texts,
      { timeout: Math.max(0, deadline - Date.now()) },
    );
    if (!parts) {
      const everyone = [...new Set([...current.flatMap((p) => p.organisationIds), ...author])].sort();
      current = texts.map((text) => ({ text, organisationIds: everyone }));
      continue;
    }
    let replaced: string[] = [];
    let index = 0;
    for (const part of parts) {
      if (part.removed) {
        replaced = [...replaced, ...current.slice(index, index + part.count).flatMap((p) => p.organisationIds)];
        index += part.count;
      } else if (part.added) {
        for (const text of part.value) {
          next.push({ text, organisationIds: [...new Set([...replaced, ...author])].sort() });
        }
        replaced = [];
      } else {
        next.push(...current.slice(index, index + part.count));
        index += part.count;
        replaced = [];
      }
    }
    current = next;
  }
  return current.length > MAX_ANSWER_PARTS ? coarser(current) : current;
}

function coarser(all: readonly AttributedParagraph[]): AttributedParagraph[] {
  const runs: AttributedParagraph[] = [];
  for (const paragraph of all) {
    const last = runs[runs.length - 1];
    if (last && last.organisationIds.join() === paragraph.organisationIds.join()) {
      runs[runs.length - 1] = { text: `${last.text}\n\n${paragraph.text}`, organisationIds: last.organisationIds };
    } else {
      runs.push(paragraph);
    }
  }
  if (runs.length <= MAX_ANSWER_PARTS) {
    return runs;
  }
  const rest = runs.slice(MAX_ANSWER_PARTS - 1);
  return [
    ...runs.slice(0, MAX_ANSWER_PARTS - 1),
    {
      text: rest.map((p) => p.text).join('\n\n'),
      organisationIds: [...new Set(rest.flatMap((p) => p.organisationIds))].sort(),
    },
  ];
}
