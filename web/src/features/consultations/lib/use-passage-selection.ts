import { useCallback, useEffect, useState, type RefObject } from 'react';
import type { TPassage } from '@hamandishi/contracts';
import { passageFromRange } from './passage';

/** A passage selected inside one block, and where on screen it is (for the floating button). */
export type PassageSelection = {
  blockId: string;
  passage: TPassage;
  rect: { top: number; bottom: number; left: number; right: number };
};

/** The block text element (`[data-block-text]`) a node sits in, if any. */
function blockTextOf(node: Node | null): HTMLElement | null {
  const element = node instanceof Element ? node : (node?.parentElement ?? null);
  return element?.closest<HTMLElement>('[data-block-text]') ?? null;
}

/**
 * Follows the reader's text selection inside `container`: when it lies within ONE block's text
 * element (`data-block-text`, `data-block-id`), gives that block and the passage's offsets into
 * `textOf(blockId)`; otherwise null.
 */
export function usePassageSelection(
  container: RefObject<HTMLElement | null>,
  textOf: (blockId: string) => string | undefined,
) {
  const [selection, setSelection] = useState<PassageSelection | null>(null);

  const update = useCallback(() => {
    const current = document.getSelection();
    if (!current || current.isCollapsed || current.rangeCount === 0) return setSelection(null);
    const range = current.getRangeAt(0);
    const startBlock = blockTextOf(range.startContainer);
    const endBlock = blockTextOf(range.endContainer);
    const blockId = startBlock?.dataset.blockId;
    if (!startBlock || startBlock !== endBlock || !blockId || !container.current?.contains(startBlock))
      return setSelection(null);
    const text = textOf(blockId);
    if (text === undefined || startBlock.textContent !== text) return setSelection(null);
    const passage = passageFromRange(startBlock, text, range);
    if (!passage) return setSelection(null);
    // jsdom has no Range geometry; the block's box is a fair stand-in there.
    const rect =
      typeof range.getBoundingClientRect === 'function'
        ? range.getBoundingClientRect()
        : startBlock.getBoundingClientRect();
    setSelection({ blockId, passage, rect });
  }, [container, textOf]);

  useEffect(() => {
    let frame = 0;
    const schedule = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(update);
    };
    document.addEventListener('selectionchange', schedule);
    window.addEventListener('scroll', schedule, { passive: true });
    window.addEventListener('resize', schedule);
    return () => {
      cancelAnimationFrame(frame);
      document.removeEventListener('selectionchange', schedule);
      window.removeEventListener('scroll', schedule);
      window.removeEventListener('resize', schedule);
    };
  }, [update]);

  const clear = useCallback(() => setSelection(null), []);
  return { selection, clear };
}
