import type { ReactNode } from 'react';

export type TableScrollProps = {
  /** What the table is, for a screen reader moving through regions. */
  label: string;
  children: ReactNode;
};

/**
 * The box a wide table scrolls in on a phone (never the page). It can take focus, so a keyboard
 * can scroll it too: a scrolling box without focusable content is otherwise out of a keyboard's
 * reach (axe: scrollable-region-focusable).
 */
export function TableScroll({ label, children }: TableScrollProps) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
