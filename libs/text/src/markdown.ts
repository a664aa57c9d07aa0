// People write comments in a tiny markdown subset; everything else they type is shown as text.
// The order is what makes it safe: every HTML-significant character is escaped first, and the
// only tags in the output are the ones written below, with attributes built here.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes the five HTML-significant characters, so text can go inside elements and quoted attributes. */
export function escapeHtml(input: string): string {
  return input.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

// Rendered pieces (code spans, links) are set aside behind a marker so that later rules cannot
// reach inside them: a `*` in a URL must not become <em> inside an href.
const MARK = '\u0000';
// eslint-disable-next-line no-control-regex -- NUL is the marker because no text may contain it
const TOKEN = /\u0000(\d+)\u0000/g;

// An http(s) URL, already escaped (so no quote or angle bracket can appear); ")" ends it.
const LINK = /\[([^\]\n]+)\]\((https?:\/\/[^\s()]+)\)/gi;
const CODE = /`([^`\n]+)`/g;
const BOLD = /\*\*(?=\S)([^*\n]*?\S)\*\*/g;
const ITALIC = /\*(?=\S)([^*\n]*?\S)\*/g;

const BULLET = /^- +(.*)$/;
const NUMBERED = /^(\d{1,9})\. +(.*)$/;

function emphasis(text: string): string {
  return text.replace(BOLD, '<strong>$1</strong>').replace(ITALIC, '<em>$1</em>');
}

function inline(escaped: string, saved: string[]): string {
  const keep = (html: string) => `${MARK}${saved.push(html) - 1}${MARK}`;
  let text = escaped.replace(CODE, (_, code: string) => keep(`<code>${code}</code>`));
  text = text.replace(LINK, (_, label: string, url: string) =>
    keep(`<a href="${url}" rel="nofollow ugc noopener" target="_blank">${emphasis(label)}</a>`),
  );
  text = emphasis(text);
  // Tokens can nest (a code span inside a link's label), so restore until none is left.
  while (text.includes(MARK)) text = text.replace(TOKEN, (_, i: string) => saved[Number(i)]);
  return text;
}

type Block = { kind: 'p' | 'ul' | 'ol'; lines: string[]; start?: number };

function blocksOf(paragraph: string): Block[] {
  const blocks: Block[] = [];
  for (const line of paragraph.split('\n')) {
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const kind = bullet ? 'ul' : numbered ? 'ol' : 'p';
    const content = bullet ? bullet[1] : numbered ? numbered[2] : line;
    const last = blocks[blocks.length - 1];
    if (last && last.kind === kind) last.lines.push(content);
    else blocks.push({ kind, lines: [content], start: numbered ? Number(numbered[1]) : undefined });
  }
  return blocks;
}

/**
 * Renders a comment as safe HTML: all HTML is escaped, then **bold**, *italic*, `code`,
 * [links](https://…) (http/https only, rel="nofollow ugc noopener", new tab), `- ` and `1. `
 * lists, paragraphs (blank line) and line breaks. Nothing else becomes markup.
 */
export function renderSafeMarkdown(input: string): string {
  // eslint-disable-next-line no-control-regex -- a NUL in the input could forge a marker
  const escaped = escapeHtml(input.replace(/\u0000/g, '').replace(/\r\n?/g, '\n')).trim();
  if (!escaped) return '';
  const saved: string[] = [];
  const html: string[] = [];
  for (const paragraph of escaped.split(/\n[^\S\n]*\n\s*/)) {
    for (const block of blocksOf(paragraph.trim())) {
      const lines = block.lines.map((l) => inline(l.trim(), saved));
      if (block.kind === 'p') html.push(`<p>${lines.join('<br>')}</p>`);
      else {
        const start = block.kind === 'ol' && block.start !== undefined && block.start !== 1 ? ` start="${block.start}"` : '';
        html.push(`<${block.kind}${start}>${lines.map((l) => `<li>${l}</li>`).join('')}</${block.kind}>`);
      }
    }
  }
  return html.join('');
}
