import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { markdownOf, type SectionText } from '../draft-text';

/** The agreed text of a joint position with exactly the organisations that signed that text. */
export interface PositionExport {
  readonly title: string;
  readonly audience: string;
  readonly revision: number;
  readonly contentHash: string;
  readonly sections: readonly SectionText[];
  readonly signatories: readonly string[];
}

/** A file name for the export: the position's title without characters file systems refuse. */
export function exportFileName(doc: PositionExport, extension: string): string {
  const name = doc.title
    // eslint-disable-next-line no-control-regex -- control characters are what is being removed
    .replace(/[\u0000-\u001f\u007f\\/:*?"<>|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120);
  return `${name || 'joint-position'}.${extension}`;
}

/** Markdown: the signed text as hashed, then the signatories and the hash that fixes it. */
export function exportMarkdown(doc: PositionExport): string {
  const signed = doc.signatories.length
    ? doc.signatories.map((name) => `- ${name}`).join('\n')
    : '_No organisation has signed this text._';
  return (
    markdownOf(doc.title, doc.sections) +
    `\n---\n\nTo: ${doc.audience}\n\n## Signed by\n\n${signed}\n\n` +
    `Text of revision ${doc.revision}, SHA-256 ${doc.contentHash}\n`
  );
}

/** The same as a Word document, in the same order (the Markdown bodies' paragraphs as written; no rendering). */
export function exportDocx(doc: PositionExport): Promise<Buffer> {
  const paragraphs = (body: string): Paragraph[] =>
    body
      .split(/\n{2,}/)
      .filter((p) => p.trim())
      .map((p) => new Paragraph({ children: [new TextRun(p.trim())] }));
  const document = new Document({
    title: doc.title,
    creator: 'Convene',
    sections: [
      {
        children: [
          new Paragraph({ text: doc.title, heading: HeadingLevel.TITLE }),
          ...doc.sections.flatMap((s) => [
            new Paragraph({ text: s.heading, heading: HeadingLevel.HEADING_1 }),
            ...paragraphs(s.body),
          ]),
          new Paragraph({ children: [new TextRun({ text: `To: ${doc.audience}` })] }),
          new Paragraph({ text: 'Signed by', heading: HeadingLevel.HEADING_1 }),
          ...(doc.signatories.length
            ? doc.signatories.map((name) => new Paragraph({ text: name, bullet: { level: 0 } }))
            : [
                new Paragraph({
                  children: [new TextRun({ text: 'No organisation has signed this text.', italics: true })],
                }),
              ]),
          new Paragraph({
            children: [new TextRun({ text: `Text of revision ${doc.revision}, SHA-256 ${doc.contentHash}`, size: 16 })],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
