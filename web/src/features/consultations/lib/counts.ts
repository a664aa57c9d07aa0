import type { TDocumentBlock, TDocumentSection } from '@hamandishi/contracts';

/** All comments a block shows in its margin: its own and those carried from earlier editions. */
export function blockTotal(block: Pick<TDocumentBlock, 'commentCount' | 'carriedCommentCount'>): number {
  return block.commentCount + block.carriedCommentCount;
}

/** A section's comment total, for the table of contents. */
export function sectionTotal(section: Pick<TDocumentSection, 'blocks'>): number {
  return section.blocks.reduce((sum, block) => sum + blockTotal(block), 0);
}

/** The HTML heading level of a document heading: the page title is h1, so level 1 becomes h2 (at most h6). */
export function headingTag(level: number): 'h2' | 'h3' | 'h4' | 'h5' | 'h6' {
  const tag = Math.min(6, Math.max(2, level + 1));
  return `h${tag}` as 'h2' | 'h3' | 'h4' | 'h5' | 'h6';
}
