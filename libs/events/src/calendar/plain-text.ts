import MarkdownIt from 'markdown-it';

// CommonMark only (no HTML rendering happens: tokens are read, never rendered).
const markdown = new MarkdownIt('commonmark');
type Token = ReturnType<MarkdownIt['parse']>[number];

/**
 * Markdown as the plain text a calendar shows (iCalendar DESCRIPTION is plain text): emphasis and
 * headings marks dropped, list items as "- " or "1. ", links as "text (url)", code kept as written.
 * Parsed by markdown-it (linear in the input, which the API caps at 20,000 characters).
 */
export function plainTextOf(source: string): string {
  const out: string[] = [];
  const lists: { ordered: boolean; next: number }[] = [];
  for (const token of markdown.parse(source, {})) {
    switch (token.type) {
      case 'inline':
        out.push(inlineText(token.children ?? []));
        break;
      case 'paragraph_close':
      case 'heading_close':
        out.push(token.hidden ? '\n' : '\n\n'); // hidden: a paragraph in a tight list
        break;
      case 'bullet_list_open':
      case 'ordered_list_open':
        lists.push({ ordered: token.type === 'ordered_list_open', next: Number(token.attrGet('start') ?? 1) });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        out.push(lists.length === 0 ? '\n' : '');
        break;
      case 'list_item_open': {
        const list = lists.at(-1);
        const marker = list?.ordered ? `${list.next++}. ` : '- ';
        out.push(`${'  '.repeat(Math.max(lists.length - 1, 0))}${marker}`);
        break;
      }
      case 'code_block':
      case 'fence':
      case 'html_block':
        out.push(`${token.content}\n`);
        break;
      case 'hr':
        out.push('\n');
        break;
      default:
        break;
    }
  }
  return out
    .join('')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function inlineText(children: readonly Token[]): string {
  let text = '';
  const links: { href: string; from: number }[] = [];
  for (const child of children) {
    switch (child.type) {
      case 'text':
      case 'code_inline':
      case 'html_inline':
        text += child.content;
        break;
      case 'image':
        text += child.content; // its alt text
        break;
      case 'softbreak':
      case 'hardbreak':
        text += '\n';
        break;
      case 'link_open':
        links.push({ href: child.attrGet('href') ?? '', from: text.length });
        break;
      case 'link_close': {
        const link = links.pop();
        // An autolink's text is its address already.
        if (link?.href && text.slice(link.from) !== link.href && `mailto:${text.slice(link.from)}` !== link.href) {
          text += ` (${link.href})`;
        }
        break;
      }
      default:
        break;
    }
  }
  return text;
}
