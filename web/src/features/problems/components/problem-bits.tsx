import { useTranslation } from 'react-i18next';
import type { ProblemStatus, TOrganization } from '@hamandishi/contracts';
import type { SelectOption } from '@/components';
import { pickLocalized } from '@/lib/locale';
import { PROBLEMS_NS } from '../problems-i18n';

const STATUS_TONE: Record<ProblemStatus, 'info' | 'success' | 'warning' | 'neutral'> = {
  submitted: 'info',
  under_review: 'warning',
  accepted: 'success',
  merged: 'neutral',
  out_of_scope: 'neutral',
  addressed: 'success',
};

/** A problem's status in words (the colour only repeats it). */
export function ProblemStatusBadge({ status }: { status: ProblemStatus }) {
  const { t } = useTranslation(PROBLEMS_NS);
  return <span className={`badge badge--${STATUS_TONE[status]}`}>{t(`statuses.${status}`)}</span>;
}

/**
 * The theme taxonomy as select options: top-level themes, each followed by its children ("parent ›
 * child"). Archived themes stay in filters (old items carry them) but are not offered for new items.
 */
export function themeOptions(organization: TOrganization, locale: string, { isForNewItem = false } = {}): SelectOption[] {
  const byPosition = [...organization.themes]
    .filter((theme) => !(isForNewItem && theme.isArchived))
    .sort((a, b) => a.position - b.position);
  const options: SelectOption[] = [];
  for (const top of byPosition.filter((theme) => !theme.parentId)) {
    const topName = pickLocalized(top.name, locale);
    options.push({ value: top.id, label: topName });
    for (const child of byPosition.filter((theme) => theme.parentId === top.id)) {
      options.push({ value: child.id, label: `${topName} › ${pickLocalized(child.name, locale)}` });
    }
  }
  return options;
}

/** Districts as select options, by number. */
export function districtOptions(organization: TOrganization, locale: string): SelectOption[] {
  return [...organization.districts].sort((a, b) => a.number - b.number).map((d) => ({ value: d.id, label: pickLocalized(d.name, locale) }));
}

/** The name of a theme or district by id ('' when unknown). */
export function nameOf(items: readonly { id: string; name: { fa: string; ar?: string; en?: string } }[], id: string | null, locale: string): string {
  const found = id ? items.find((item) => item.id === id) : undefined;
  return found ? pickLocalized(found.name, locale) : '';
}
