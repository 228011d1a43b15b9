import { createHash } from 'node:crypto';

/** A section's words as they stand at some revision. */
export interface SectionText {
  readonly id: string;
  readonly heading: string;
  readonly body: string;
}

/** The whole text as Markdown: the form that is exported, hashed and signed. */
export function markdownOf(title: string, sections: readonly SectionText[]): string {
  return (
    [`# ${title.trim()}`, ...sections.map((s) => `## ${s.heading.trim()}\n\n${s.body.trim()}`)].join('\n\n') + '\n'
  );
}

/** What a sign-on fixes: the SHA-256 of the whole text as exported (hex). */
export function contentHash(title: string, sections: readonly SectionText[]): string {
  return createHash('sha256').update(markdownOf(title, sections)).digest('hex');
}
