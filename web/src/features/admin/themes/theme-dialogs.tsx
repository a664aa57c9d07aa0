import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TAdminTheme } from '@hamandishi/contracts';
import { Alert, Button, Dialog, DialogClose, Select, useToast } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { errorCodeOf } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { pickLocalized } from '@/lib/locale';
import { useLocale } from '@/lib/use-locale';
import { ADMIN_NS } from '../admin-i18n';
import { useMergeTheme, useMoveTheme } from './use-themes';

const TOP = '__top__';

type ThemeDialogProps = {
  slug: string;
  theme: TAdminTheme;
  themes: TAdminTheme[];
  isOpen: boolean;
  onOpenChange: (isOpen: boolean) => void;
};

/** "Move under…": another parent (or the top level) for a theme, chosen from a list (no dragging). */
export function ThemeMoveDialog({ slug, theme, themes, isOpen, onOpenChange }: ThemeDialogProps) {
  const { t } = useTranslation([ADMIN_NS, 'errors']);
  const locale = useLocale();
  const move = useMoveTheme(slug);
  const hasChildren = themes.some((x) => x.parentId === theme.id);
  // Two levels only: a theme with sub-themes stays at the top; others go under a top-level theme.
  const parents = hasChildren ? [] : themes.filter((x) => !x.parentId && x.id !== theme.id);
  const [parentId, setParentId] = useState<string>(theme.parentId ?? TOP);

  const handleMove = async () => {
    const target = parentId === TOP ? null : parentId;
    const position = themes.filter((x) => x.parentId === target && x.id !== theme.id).length;
    try {
      await move.mutateAsync({ id: theme.id, parentId: target, position });
      onOpenChange(false);
    } catch {
      // shown below
    }
  };

  return (
    <Dialog
      isOpen={isOpen}
      onOpenChange={onOpenChange}
      title={t('themes.move.title', { name: pickLocalized(theme.name, locale) })}
      description={hasChildren ? t('themes.move.hasChildren') : t('themes.move.description')}
      actions={
        <>
          <DialogClose asChild>
            <Button variant="secondary">{t('themes.cancel')}</Button>
          </DialogClose>
          <Button onClick={handleMove} isLoading={move.isPending}>
            {t('themes.move.submit')}
          </Button>
        </>
      }
    >
      {move.error && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(move.error))}</Alert>}
      <Select
        label={t('themes.move.parent')}
        value={parentId}
        options={[{ value: TOP, label: t('themes.topLevel') }, ...parents.map((p) => ({ value: p.id, label: pickLocalized(p.name, locale) }))]}
        onValueChange={setParentId}
      />
    </Dialog>
  );
}

/** Merge a theme into another: shows what will move, then re-tags everything and removes the theme. */
export function ThemeMergeDialog({ slug, theme, themes, isOpen, onOpenChange }: ThemeDialogProps) {
  const { t } = useTranslation([ADMIN_NS, 'errors']);
  const locale = useLocale();
  const toast = useToast();
  const merge = useMergeTheme(slug);
  const children = themes.filter((x) => x.parentId === theme.id);
  // Not into itself or its own sub-theme; a theme with sub-themes only into a top-level theme.
  const targets = themes.filter((x) => x.id !== theme.id && x.parentId !== theme.id && (children.length === 0 || !x.parentId));
  const [targetId, setTargetId] = useState<string | undefined>(undefined);
  const target = targets.find((x) => x.id === targetId);
  const label = (x: TAdminTheme) => {
    const parent = x.parentId ? themes.find((p) => p.id === x.parentId) : null;
    return parent ? `${pickLocalized(parent.name, locale)} › ${pickLocalized(x.name, locale)}` : pickLocalized(x.name, locale);
  };

  const handleMerge = async () => {
    if (!target) return;
    try {
      await merge.mutateAsync({ id: theme.id, targetId: target.id });
      toast.show({ title: t('themes.merge.done', { name: pickLocalized(theme.name, locale), target: pickLocalized(target.name, locale) }), variant: 'success' });
      onOpenChange(false);
    } catch {
      // shown below
    }
  };

  return (
    <Dialog
      isOpen={isOpen}
      onOpenChange={onOpenChange}
      title={t('themes.merge.title', { name: pickLocalized(theme.name, locale) })}
      description={t('themes.merge.description')}
      actions={
        <>
          <DialogClose asChild>
            <Button variant="secondary">{t('themes.cancel')}</Button>
          </DialogClose>
          <Button variant="danger" onClick={handleMerge} isLoading={merge.isPending} disabled={!target}>
            {t('themes.merge.submit')}
          </Button>
        </>
      }
    >
      {merge.error && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(merge.error))}</Alert>}
      <Select
        label={t('themes.merge.target')}
        value={targetId}
        placeholder={t('themes.merge.choose')}
        options={targets.map((x) => ({ value: x.id, label: label(x) }))}
        onValueChange={setTargetId}
      />
      <p className="theme-merge-summary" aria-live="polite">
        {t('themes.merge.summary', {
          problems: formatNumber(theme.items.problems, locale),
          committees: formatNumber(theme.items.committees, locale),
          directions: formatNumber(theme.items.upstreamDirections, locale),
          subThemes: formatNumber(children.length, locale),
        })}
      </p>
    </Dialog>
  );
}
