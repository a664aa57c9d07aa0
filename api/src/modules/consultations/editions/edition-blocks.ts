import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { z } from 'zod';
import { MAX_BLOCK_TEXT, type ZBlockInput } from '@hamandishi/contracts';
import { normalizeForSearch, normalizePersian } from '@hamandishi/text';
import type { TImportedDocument } from '../docx/docx-to-document';

/** A block as the API receives it (after zod). */
export type BlockInput = z.output<typeof ZBlockInput>;

/** What a block shows beyond its text: list items, table rows or an image. */
export type BlockContent =
  | { ordered?: undefined; items?: undefined; rows?: undefined; attachmentId?: undefined }
  | { ordered: boolean; items: string[] }
  | { rows: string[][] }
  | { attachmentId: string; alt: string };

/** A commentable block of an edition, before it is stored. */
export type EditionBlock = {
  kind: 'paragraph' | 'list' | 'table' | 'image';
  /** Plain text: what passages quote and diffs compare (list items and table rows one per line). */
  text: string;
  content: BlockContent;
  /** The comparison key: the kind and the text's search form, so spelling variants compare equal. */
  key: string;
};

/** A section: the blocks under a heading (heading null for what comes before the first one). */
export type EditionSection = { heading: string | null; level: number; blocks: EditionBlock[] };

/**
 * The sections of an edition from the flat list of blocks a planner writes: every heading opens
 * a section. All text is normalised (Arabic ي/ك, digits kept, ZWNJ kept) and stays plain text.
 */
export function sectionsOf(blocks: BlockInput[]): EditionSection[] {
  const sections: EditionSection[] = [{ heading: null, level: 0, blocks: [] }];
  for (const block of blocks) addBlock(sections, block);
  return withoutEmptyPreamble(sections);
}

/**
 * sectionsOf, handing the event loop back every `slice` blocks: normalising the text of 2000
 * blocks (about 1 MiB) at once would hold up every other request for a noticeable moment.
 */
export async function sectionsOfInSlices(blocks: BlockInput[], slice = 100): Promise<EditionSection[]> {
  const sections: EditionSection[] = [{ heading: null, level: 0, blocks: [] }];
  for (let at = 0; at < blocks.length; at += slice) {
    for (const block of blocks.slice(at, at + slice)) addBlock(sections, block);
    await yieldToEventLoop();
  }
  return withoutEmptyPreamble(sections);
}

function addBlock(sections: EditionSection[], block: BlockInput): void {
  if (block.kind === 'heading') sections.push({ heading: clean(block.text), level: block.level, blocks: [] });
  else sections[sections.length - 1].blocks.push(editionBlock(block));
}

function withoutEmptyPreamble(sections: EditionSection[]): EditionSection[] {
  const [preamble, ...rest] = sections;
  return preamble.blocks.length > 0 || rest.length === 0 ? sections : rest;
}

/** The blocks back as the editor edits them: headings interleaved, in reading order. */
export function blocksOf(
  sections: { heading: string | null; level: number; blocks: Pick<EditionBlock, 'kind' | 'text' | 'content'>[] }[],
): BlockInput[] {
  const out: BlockInput[] = [];
  for (const section of sections) {
    if (section.heading !== null)
      out.push({ kind: 'heading', level: Math.max(1, section.level), text: section.heading });
    for (const block of section.blocks) {
      const c = block.content;
      if (block.kind === 'list' && 'items' in c && c.items)
        out.push({ kind: 'list', ordered: !!c.ordered, items: c.items });
      else if (block.kind === 'table' && 'rows' in c && c.rows) out.push({ kind: 'table', rows: c.rows });
      else if (block.kind === 'image' && 'attachmentId' in c && c.attachmentId)
        out.push({ kind: 'image', attachmentId: c.attachmentId, alt: c.alt });
      else out.push({ kind: 'paragraph', text: block.text });
    }
  }
  return out;
}

/**
 * The blocks of a converted .docx, as if the planner had typed them. Pictures become image blocks
 * when `attachmentIdOf` knows their stored attachment, and are left out otherwise.
 */
export function blocksFromImport(
  document: TImportedDocument,
  attachmentIdOf: (image: TImportedImage) => string | undefined,
): BlockInput[] {
  const out: BlockInput[] = [];
  for (const section of document.sections) {
    if (section.heading !== null)
      out.push({
        kind: 'heading',
        level: Math.min(6, Math.max(1, section.level)),
        text: section.heading.slice(0, 500),
      });
    // Clipped to what the editor accepts, so an imported draft can be saved back unchanged.
    for (const block of section.blocks) {
      if (block.kind === 'paragraph') out.push({ kind: 'paragraph', text: block.text.slice(0, MAX_BLOCK_TEXT) });
      else if (block.kind === 'list')
        out.push({
          kind: 'list',
          ordered: block.ordered,
          items: block.items.slice(0, 200).map((i) => i.slice(0, 5000)),
        });
      else if (block.kind === 'table')
        out.push({
          kind: 'table',
          rows: block.rows.slice(0, 500).map((r) => r.slice(0, 30).map((c) => c.slice(0, 2000))),
        });
      else {
        const attachmentId = attachmentIdOf(block);
        if (attachmentId) out.push({ kind: 'image', attachmentId, alt: block.alt });
      }
    }
  }
  return out;
}

/** A picture of a converted .docx. */
export type TImportedImage = Extract<TImportedDocument['sections'][number]['blocks'][number], { kind: 'image' }>;

function editionBlock(block: Exclude<BlockInput, { kind: 'heading' }>): EditionBlock {
  switch (block.kind) {
    case 'paragraph': {
      const text = clean(block.text);
      return { kind: 'paragraph', text, content: {}, key: keyOf('p', text) };
    }
    case 'list': {
      const items = block.items.map(clean).filter((i) => i !== '');
      const text = items.join('\n');
      return {
        kind: 'list',
        text,
        content: { ordered: block.ordered, items },
        key: keyOf(block.ordered ? 'ol' : 'ul', text),
      };
    }
    case 'table': {
      const width = Math.max(...block.rows.map((r) => r.length));
      const rows = block.rows.map((r) => [...r.map(clean), ...Array<string>(width - r.length).fill('')]);
      const text = rows.map((r) => r.join('\t')).join('\n');
      return { kind: 'table', text, content: { rows }, key: keyOf('table', text) };
    }
    case 'image': {
      const alt = clean(block.alt ?? '');
      return {
        kind: 'image',
        text: alt,
        content: { attachmentId: block.attachmentId, alt },
        key: keyOf(`image:${block.attachmentId}`, alt),
      };
    }
  }
}

/** Normalised plain text; control characters (other than line breaks and tabs) removed. */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  return normalizePersian(text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')).trim();
}

/** The comparison key of a stored block (the same as when it was written). */
export function storedBlockKey(kind: EditionBlock['kind'], text: string, content: BlockContent): string {
  if (kind === 'list') return keyOf('ordered' in content && content.ordered ? 'ol' : 'ul', text);
  if (kind === 'table') return keyOf('table', text);
  if (kind === 'image') return keyOf(`image:${'attachmentId' in content ? content.attachmentId : ''}`, text);
  return keyOf('p', text);
}

function keyOf(kind: string, text: string): string {
  return `${kind}\n${normalizeForSearch(text)}`;
}

/** Whether a quoted passage is the block's text at the offsets it gives (UTF-16, end exclusive). */
export function quotesText(text: string, passage: { start: number; end: number; quote: string }): boolean {
  return text.slice(passage.start, passage.end) === passage.quote;
}
