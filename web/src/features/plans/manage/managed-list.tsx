import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, useToast } from '@/components';
import { SaveError } from './fields';

type ManagedListSectionProps = {
  id: string;
  title: string;
  emptyText: string;
  isEmpty: boolean;
  addLabel: string;
  addForm: ReactNode;
  children: ReactNode;
};

/** A card listing a plan's parts (committees, upstream documents...) with an "add" disclosure under it. */
export function ManagedListSection({ id, title, emptyText, isEmpty, addLabel, addForm, children }: ManagedListSectionProps) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {isEmpty && <p className="muted">{emptyText}</p>}
      <ul className="stack plain-list">{children}</ul>
      <details className="disclosure">
        <summary>{addLabel}</summary>
        {addForm}
      </details>
    </section>
  );
}

type ManagedRowProps = {
  heading: ReactNode;
  editLabel: string;
  editForm: ReactNode;
  deleteLabel: string;
  isDeleting: boolean;
  deleteError: unknown;
  onDelete: () => void;
};

/** One part of a plan: its heading, an edit disclosure and a delete button. */
export function ManagedRow({ heading, editLabel, editForm, deleteLabel, isDeleting, deleteError, onDelete }: ManagedRowProps) {
  return (
    <li className="manage-activity">
      <p className="manage-activity__title">{heading}</p>
      <SaveError error={deleteError} />
      <details className="disclosure">
        <summary>{editLabel}</summary>
        {editForm}
      </details>
      <div className="button-row">
        <Button variant="danger" size="sm" isLoading={isDeleting} onClick={onDelete}>
          {deleteLabel}
        </Button>
      </div>
    </li>
  );
}

/** Shows the "saved" toast; forms call it after a successful mutation. */
export function useSavedToast(): () => void {
  const { t } = useTranslation('common');
  const toast = useToast();
  return () => toast.show({ title: t('toast.saved'), variant: 'success' });
}
