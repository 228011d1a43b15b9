import { diffArrays, diffWordsWithSpace } from 'diff';

/** One run of a word diff between two texts. */
export interface DiffPart {
  readonly value: string;
  readonly added: boolean;
  readonly removed: boolean;
}

/** Word by word, whitespace included (so a reader sees every change); a whole replacement past a second's work. */
export function diffTexts(before: string, after: string): DiffPart[] {
  const parts = diffWordsWithSpace(before, after, { timeout: 1_000 });
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
 * is its author's alone. Revisions without an organisation add nobody.
 */
export function attribute(revisions: readonly AuthoredBody[]): AttributedParagraph[] {
  let current: AttributedParagraph[] = [];
  for (const revision of revisions) {
    const next: AttributedParagraph[] = [];
    const author = revision.organisationId ? [revision.organisationId] : [];
    let replaced: string[] = [];
    let index = 0;
    for (const part of diffArrays(
      current.map((p) => p.text),
      paragraphs(revision.body),
    )) {
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
  return current;
}
