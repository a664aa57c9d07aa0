import { createHash } from 'node:crypto';
import { normalizeForSearch } from '@hamandishi/text';
import type { TBlock, TImportedDocument } from './docx-to-document';

/** A block with its anchor, for linking comments to a place in the report. */
export type TAnchoredBlock = TBlock & { anchor: string };

/** An imported document whose blocks carry anchors. */
export type TAnchoredDocument = { sections: { heading: string | null; level: number; blocks: TAnchoredBlock[] }[] };

/**
 * A stable anchor for a block: derived from its text's search key (so spelling variants like
 * Arabic ي/ك or a missing ZWNJ do not move it) and its occurrence among blocks with the same key,
 * never from its position, so the same paragraph keeps its anchor in the next edition.
 */
export function paragraphAnchor(text: string, occurrence: number): string {
  const digest = createHash('sha256').update(normalizeForSearch(text), 'utf8').digest('hex');
  return `${digest.slice(0, 8)}-${occurrence}`;
}

/** The document with every block anchored; identical texts are told apart by occurrence (1, 2, ...). */
export function assignAnchors(document: TImportedDocument): TAnchoredDocument {
  const seen = new Map<string, number>();
  return {
    sections: document.sections.map((section) => ({
      ...section,
      blocks: section.blocks.map((block) => {
        const text = blockText(block);
        const occurrence = (seen.get(normalizeForSearch(text)) ?? 0) + 1;
        seen.set(normalizeForSearch(text), occurrence);
        return { ...block, anchor: paragraphAnchor(text, occurrence) };
      }),
    })),
  };
}

// Lists and tables are anchored by their whole text; the kind is part of it so a one-item list
// and a paragraph with the same words differ.
function blockText(block: TBlock): string {
  if (block.kind === 'paragraph') return block.text;
  if (block.kind === 'list') return `list\n${block.items.join('\n')}`;
  if (block.kind === 'image') return `image\n${createHash('sha256').update(block.data).digest('hex')}\n${block.alt}`;
  return `table\n${block.rows.map((row) => row.join('\t')).join('\n')}`;
}
