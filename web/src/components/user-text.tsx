import type { ReactNode } from 'react';

export type UserTextProps = {
  /** Optional only so `<Trans>` can fill it in. */
  children?: ReactNode;
  /** `bdi` inline (names, titles in a line), or a block element for paragraphs. */
  as?: 'bdi' | 'p' | 'div' | 'strong' | 'span' | 'h1' | 'h2' | 'h3';
  className?: string;
  id?: string;
};

/**
 * Text people typed (names, titles, comments): its direction comes from its own first strong
 * letter (`dir="auto"`), not from the page's, so a Persian paragraph reads right in the English
 * interface and an English one in the Persian interface, and neither reorders its neighbours.
 */
export function UserText({ children, as: Element = 'bdi', className, id }: UserTextProps) {
  return (
    <Element dir="auto" className={className} id={id}>
      {children}
    </Element>
  );
}
