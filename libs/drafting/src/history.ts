import { diffArrays, diffLines, diffWordsWithSpace } from 'diff';

/** One run of a word diff between two texts. */
export interface DiffPart {
  readonly value: string;
  readonly added: boolean;
  readonly removed: boolean;
}

/** Most time one diff or attribution may take, in milliseconds; past it the answer is coarser. */
const DIFF_BUDGET_MS = 40;
/** Most time the diffs and attributions of one request may take together: aliases multiply the fields. */
export const REQUEST_HISTORY_BUDGET_MS = 120;

/** A budget's time comes back this long after its first use: a subscription's items share one. */
const BUDGET_WINDOW_MS = 1_000;

/**
 * The time the diffs and attributions of one request (or of one subscription, per second) have
 * left. Each takes at most DIFF_BUDGET_MS of it; once it is spent, the rest answer at once,
 * coarsely (a whole replacement; every author credited with every paragraph).
 */
export class HistoryBudget {
  private spentMs = 0;
  private windowStart: number | null = null;

  constructor(private readonly totalMs = REQUEST_HISTORY_BUDGET_MS) {}

  /** Runs `work` with the deadline it may use, counting the time it took. */
  spend<T>(work: (deadline: number) => T): T {
    const started = Date.now();
    if (this.windowStart === null || started - this.windowStart >= BUDGET_WINDOW_MS) {
      this.windowStart = started;
      this.spentMs = 0;
    }
    try {
      return work(started + Math.max(0, Math.min(DIFF_BUDGET_MS, this.totalMs - this.spentMs)));
    } finally {
      this.spentMs += Date.now() - started;
    }
  }
}

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
export function diffTexts(before: string, after: string, budget = new HistoryBudget()): DiffPart[] {
  return budget.spend((deadline) => diffBefore(before, after, deadline));
}

function diffBefore(before: string, after: string, deadline: number): DiffPart[] {
  const fits = <T>(parts: T[] | undefined): T[] | undefined =>
    parts && parts.length <= MAX_ANSWER_PARTS ? parts : undefined;
  // One deadline for both tries, so the fallback cannot double the time; none begins past it.
  const left = (): number | undefined => (Date.now() < deadline ? deadline - Date.now() : undefined);
  const tryDiff = <T>(maxChars: number, diff: (timeout: number) => T[] | undefined): T[] | undefined => {
    const timeout = before.length + after.length <= maxChars ? left() : undefined;
    return timeout === undefined ? undefined : fits(diff(timeout));
  };
  const parts =
    tryDiff(WORD_DIFF_MAX_CHARS, (timeout) => diffWordsWithSpace(before, after, { timeout })) ??
    tryDiff(LINE_DIFF_MAX_CHARS, (timeout) => diffLines(before, after, { timeout }));
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
export function attribute(revisions: readonly AuthoredBody[], budget = new HistoryBudget()): AttributedParagraph[] {
  return budget.spend((deadline) => attributeBefore(revisions, deadline));
}

function attributeBefore(revisions: readonly AuthoredBody[], deadline: number): AttributedParagraph[] {
  // One deadline for the whole replay: past it, the last revision's paragraphs are each credited
  // to every author so far and after (coarser, never wrong by omission), in one pass.
  let current: AttributedParagraph[] = [];
  for (const [i, revision] of revisions.entries()) {
    const left = deadline - Date.now();
    const texts = left > 0 ? paragraphs(revision.body) : [];
    const parts =
      left > 0
        ? diffArrays(
            current.map((p) => p.text),
            texts,
            { timeout: left },
          )
        : undefined;
    if (!parts) {
      current = creditingEveryone(current, revisions.slice(i));
      break;
    }
    const next: AttributedParagraph[] = [];
    const author = revision.organisationId ? [revision.organisationId] : [];
    let replaced: string[] = [];
    let index = 0;
    for (const part of parts) {
      if (part.removed) {
        replaced = [...replaced, ...current.slice(index, index + part.count).flatMap((p) => p.organisationIds)];
        index += part.count;
      } else if (part.added) {
        const organisationIds = [...new Set([...replaced, ...author])].sort();
        for (const text of part.value) {
          next.push({ text, organisationIds });
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

/** The last of `rest`'s paragraphs, each credited to every author of `current` and of `rest`. */
function creditingEveryone(
  current: readonly AttributedParagraph[],
  rest: readonly AuthoredBody[],
): AttributedParagraph[] {
  const everyone = new Set(current.flatMap((p) => p.organisationIds));
  for (const revision of rest) {
    if (revision.organisationId) {
      everyone.add(revision.organisationId);
    }
  }
  const organisationIds = [...everyone].sort();
  return paragraphs(rest[rest.length - 1].body).map((text) => ({ text, organisationIds }));
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
