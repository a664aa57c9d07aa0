import type { ReactNode } from 'react';

export type EmptyStateProps = { title: ReactNode; description?: ReactNode; action?: ReactNode; headingLevel?: 2 | 3 };

/** What to show instead of an empty list: what it is and what to do next. */
export function EmptyState({ title, description, action, headingLevel = 2 }: EmptyStateProps) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className="empty-state">
      <Heading>{title}</Heading>
      {description && <p className="muted">{description}</p>}
      {action}
    </div>
  );
}
