import type { TBlockInput, TSaveEdition } from '@hamandishi/contracts';

/** The kinds of block a planner can add in the editor. */
export const EDITOR_BLOCK_KINDS = ['heading', 'paragraph', 'list', 'table', 'image'] as const;
/** A kind of block. */
export type EditorBlockKind = (typeof EDITOR_BLOCK_KINDS)[number];

/** A block being edited: what will be saved, plus a key that keeps React's rows stable while moving. */
export type EditorBlock =
  | { key: string; kind: 'heading'; level: number; text: string }
  | { key: string; kind: 'paragraph'; text: string }
  | { key: string; kind: 'list'; ordered: boolean; items: string[] }
  | { key: string; kind: 'table'; rows: string[][] }
  | { key: string; kind: 'image'; attachmentId: string; alt: string; previewUrl?: string };

let counter = 0;
/** A key unique in this page's life (never sent to the server). */
export function newBlockKey(): string {
  counter += 1;
  return `b${counter}`;
}

/** An empty block of a kind, ready to be typed into. */
export function emptyBlock(kind: EditorBlockKind): EditorBlock {
  const key = newBlockKey();
  switch (kind) {
    case 'heading':
      return { key, kind, level: 2, text: '' };
    case 'paragraph':
      return { key, kind, text: '' };
    case 'list':
      return { key, kind, ordered: false, items: [''] };
    case 'table':
      return {
        key,
        kind,
        rows: [
          ['', ''],
          ['', ''],
        ],
      };
    case 'image':
      return { key, kind, attachmentId: '', alt: '' };
  }
}

/** Blocks as the server sent them (an edition's source), keyed for the editor. */
export function toEditorBlocks(blocks: readonly TBlockInput[]): EditorBlock[] {
  return blocks.map((block): EditorBlock => {
    const key = newBlockKey();
    switch (block.kind) {
      case 'heading':
        return { key, kind: 'heading', level: block.level, text: block.text };
      case 'paragraph':
        return { key, kind: 'paragraph', text: block.text };
      case 'list':
        return { key, kind: 'list', ordered: block.ordered, items: [...block.items] };
      case 'table':
        return { key, kind: 'table', rows: block.rows.map((row) => [...row]) };
      case 'image':
        return { key, kind: 'image', attachmentId: block.attachmentId, alt: block.alt ?? '' };
    }
  });
}

/** Inserts a block after `index` (-1: at the start); returns the new list. */
export function insertBlock(blocks: readonly EditorBlock[], index: number, block: EditorBlock): EditorBlock[] {
  const next = [...blocks];
  next.splice(index + 1, 0, block);
  return next;
}

/** Removes the block at `index`. */
export function removeBlock(blocks: readonly EditorBlock[], index: number): EditorBlock[] {
  return blocks.filter((_, i) => i !== index);
}

/** Moves the block at `index` up (-1) or down (+1); unchanged at the ends. */
export function moveBlock(blocks: readonly EditorBlock[], index: number, delta: -1 | 1): EditorBlock[] {
  const target = index + delta;
  if (index < 0 || index >= blocks.length || target < 0 || target >= blocks.length) return [...blocks];
  const next = [...blocks];
  const [moved] = next.splice(index, 1);
  if (moved) next.splice(target, 0, moved);
  return next;
}

/** Replaces the block at `index`. */
export function replaceBlock(blocks: readonly EditorBlock[], index: number, block: EditorBlock): EditorBlock[] {
  return blocks.map((b, i) => (i === index ? block : b));
}

/** A table with one more empty row. */
export function addTableRow(rows: readonly string[][]): string[][] {
  const width = Math.max(1, ...rows.map((row) => row.length));
  return [...rows.map((row) => [...row]), Array.from({ length: width }, () => '')];
}

/** A table with one more empty column. */
export function addTableColumn(rows: readonly string[][]): string[][] {
  return rows.map((row) => [...row, '']);
}

/** One block as the API takes it: list items left blank and images without a file are dropped. */
function toBlockInput(block: EditorBlock): TBlockInput | null {
  switch (block.kind) {
    case 'heading':
      return { kind: 'heading', level: block.level, text: block.text.trim() };
    case 'paragraph':
      return { kind: 'paragraph', text: block.text.trim() };
    case 'list': {
      const items = block.items.map((item) => item.trim()).filter(Boolean);
      return { kind: 'list', ordered: block.ordered, items };
    }
    case 'table':
      return { kind: 'table', rows: block.rows.map((row) => row.map((cell) => cell.trim())) };
    case 'image':
      return block.attachmentId ? { kind: 'image', attachmentId: block.attachmentId, alt: block.alt.trim() } : null;
  }
}

/** The body of POST/PUT editions: the title, the change summary (omitted when blank) and the blocks in order. */
export function toSaveEdition(title: string, changeSummary: string, blocks: readonly EditorBlock[]): TSaveEdition {
  const summary = changeSummary.trim();
  return {
    title: title.trim(),
    ...(summary ? { changeSummary: summary } : {}),
    blocks: blocks.map(toBlockInput).filter((block): block is TBlockInput => block !== null),
  };
}

/** The index of the first block that would save empty (no text, no list item, no table cell, no image), or -1. */
export function firstIncompleteBlock(blocks: readonly EditorBlock[]): number {
  return blocks.findIndex((block) => {
    switch (block.kind) {
      case 'heading':
      case 'paragraph':
        return block.text.trim() === '';
      case 'list':
        return block.items.every((item) => item.trim() === '');
      case 'table':
        return block.rows.every((row) => row.every((cell) => cell.trim() === ''));
      case 'image':
        return block.attachmentId === '';
    }
  });
}
