import type { ReactNode } from 'react';

export type PageHeaderProps = { title: ReactNode; description?: ReactNode; actions?: ReactNode };

/** The page's one h1, with an optional lead paragraph. */
export function PageHeader({ title, description, actions }: PageHeaderProps) {
  return (
    <div className="page-header">
      <h1>{title}</h1>
      {description && <p className="page-header__description">{description}</p>}
      {actions}
    </div>
  );
}
