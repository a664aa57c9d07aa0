import type { ReactNode } from 'react';
import { Link } from 'react-router';

export type CardProps = {
  title: ReactNode;
  /** Heading level of the title within the page outline. */
  headingLevel?: 2 | 3;
  /** When set, the whole card links there through its title. */
  to?: string;
  badge?: ReactNode;
  children?: ReactNode;
  lang?: string;
};

/** A surface with a title; an interactive card is one big link with one accessible name. */
export function Card({ title, headingLevel = 3, to, badge, children, lang }: CardProps) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article className={['card', to && 'card--interactive'].filter(Boolean).join(' ')}>
      <Heading className="card__title" lang={lang}>
        {to ? (
          <Link className="card__link" to={to}>
            {title}
          </Link>
        ) : (
          title
        )}
      </Heading>
      {badge && <span className="badge">{badge}</span>}
      {children}
    </article>
  );
}
