import './themes.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TAdminTheme } from '@hamandishi/contracts';
import { Alert, Button, buttonClassName, EmptyState, PageHeader, Spinner } from '@/components';
import { usePageTitle } from '@/app/use-page-title';
import { translateErrorCode } from '@/app/i18n';
import { useCurrentOrganization } from '@/features/organizations/pages/organization-layout';
import { errorCodeOf } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { pickLocalized } from '@/lib/locale';
import { useLocale } from '@/lib/use-locale';
import { ADMIN_NS } from '../admin-i18n';
import { ThemeMergeDialog, ThemeMoveDialog } from './theme-dialogs';
import { ThemeFormDialog } from './theme-form-dialog';
import { ThemeIcon } from './theme-icon';
import { ThemeImportPanel } from './theme-import-panel';
import { themeExportUrl, useArchiveTheme, useMoveTheme, useThemeTree } from './use-themes';

type OpenDialog =
  | { kind: 'create'; parentId: string | null }
  | { kind: 'edit' | 'move' | 'merge'; theme: TAdminTheme }
  | null;

/** `/:slug/admin/themes`: the theme taxonomy, built, reordered, merged, archived, imported and exported. */
export default function ThemesPage() {
  const { t } = useTranslation([ADMIN_NS, 'errors']);
  usePageTitle(t('themes.title'));
  const organization = useCurrentOrganization();
  const slug = organization.slug;
  const locale = useLocale();
  const tree = useThemeTree(slug);
  const move = useMoveTheme(slug);
  const archive = useArchiveTheme(slug);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const close = (isOpen: boolean) => !isOpen && setDialog(null);

  const themes = tree.data?.themes ?? [];
  const tops = themes.filter((x) => !x.parentId);
  const childrenOf = (id: string) => themes.filter((x) => x.parentId === id);
  const actionError = move.error ?? archive.error;

  // The new place is counted among the siblings as listed (positions may have gaps).
  const handleStep = (theme: TAdminTheme, siblings: TAdminTheme[], step: -1 | 1) => {
    const index = siblings.findIndex((x) => x.id === theme.id);
    move.mutate({ id: theme.id, parentId: theme.parentId, position: Math.max(0, index + step) });
  };

  const row = (theme: TAdminTheme, siblings: TAdminTheme[]) => (
    <ThemeRow
      theme={theme}
      isFirst={siblings[0]?.id === theme.id}
      isLast={siblings[siblings.length - 1]?.id === theme.id}
      isBusy={move.isPending || archive.isPending}
      onEdit={() => setDialog({ kind: 'edit', theme })}
      onMoveUp={() => handleStep(theme, siblings, -1)}
      onMoveDown={() => handleStep(theme, siblings, 1)}
      onMoveUnder={() => setDialog({ kind: 'move', theme })}
      onMerge={() => setDialog({ kind: 'merge', theme })}
      onArchive={() => archive.mutate({ id: theme.id, isArchived: !theme.isArchived })}
    />
  );

  return (
    <div className="stack">
      <PageHeader
        title={t('themes.title')}
        description={t('themes.intro')}
        actions={
          <div className="theme-toolbar">
            <Button onClick={() => setDialog({ kind: 'create', parentId: null })}>{t('themes.add')}</Button>
            <a className={buttonClassName({ variant: 'secondary' })} href={themeExportUrl(slug, 'csv')} download>
              {t('themes.exportCsv')}
            </a>
            <a className={buttonClassName({ variant: 'secondary' })} href={themeExportUrl(slug, 'xlsx')} download>
              {t('themes.exportXlsx')}
            </a>
          </div>
        }
      />
      {actionError && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(actionError))}</Alert>}
      {tree.isPending && <Spinner size="lg" />}
      {tree.error && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(tree.error))}</Alert>}
      {tree.data && themes.length === 0 && <EmptyState title={t('themes.empty')} />}
      {tops.length > 0 && (
        <ul className="theme-tree" aria-label={t('themes.treeLabel')}>
          {tops.map((top) => {
            const children = childrenOf(top.id);
            return (
              <li key={top.id}>
                {row(top, tops)}
                {children.length > 0 && (
                  <ul className="theme-tree__children" aria-label={t('themes.childrenOf', { name: pickLocalized(top.name, locale) })}>
                    {children.map((child) => (
                      <li key={child.id}>{row(child, children)}</li>
                    ))}
                  </ul>
                )}
                {!top.isArchived && (
                  <Button variant="ghost" size="sm" className="theme-tree__add-child" onClick={() => setDialog({ kind: 'create', parentId: top.id })}>
                    {t('themes.addChild', { name: pickLocalized(top.name, locale) })}
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <ThemeImportPanel slug={slug} />

      {dialog?.kind === 'create' && (
        <ThemeFormDialog slug={slug} parents={tops} parentId={dialog.parentId} isOpen onOpenChange={close} />
      )}
      {dialog?.kind === 'edit' && <ThemeFormDialog slug={slug} theme={dialog.theme} parents={tops} isOpen onOpenChange={close} />}
      {dialog?.kind === 'move' && <ThemeMoveDialog slug={slug} theme={dialog.theme} themes={themes} isOpen onOpenChange={close} />}
      {dialog?.kind === 'merge' && <ThemeMergeDialog slug={slug} theme={dialog.theme} themes={themes} isOpen onOpenChange={close} />}
    </div>
  );
}

type ThemeRowProps = {
  theme: TAdminTheme;
  isFirst: boolean;
  isLast: boolean;
  isBusy: boolean;
  onEdit: () => void;
  onMoveUp: () => void;
  onMoveDown: () => void;
  onMoveUnder: () => void;
  onMerge: () => void;
  onArchive: () => void;
};

function ThemeRow({ theme, isFirst, isLast, isBusy, onEdit, onMoveUp, onMoveDown, onMoveUnder, onMerge, onArchive }: ThemeRowProps) {
  const { t } = useTranslation(ADMIN_NS);
  const locale = useLocale();
  const name = pickLocalized(theme.name, locale);
  const items = theme.items.problems + theme.items.committees + theme.items.upstreamDirections;
  return (
    <div className={['theme-row', theme.isArchived && 'theme-row--archived'].filter(Boolean).join(' ')}>
      <span className="theme-row__swatch" style={{ backgroundColor: theme.colour }} aria-hidden="true" />
      <ThemeIcon name={theme.icon} className="theme-row__icon" />
      <span className="theme-row__name">
        <strong>{name}</strong>
        <code className="muted" dir="ltr">
          {theme.slug}
        </code>
        {theme.isArchived && <span className="badge badge--warning">{t('themes.archived')}</span>}
        <span className="muted">{t('themes.itemCount', { n: formatNumber(items, locale) })}</span>
      </span>
      <span className="theme-row__actions">
        <Button variant="ghost" size="sm" onClick={onEdit} aria-label={t('themes.actions.editNamed', { name })}>
          {t('themes.actions.edit')}
        </Button>
        <Button variant="ghost" size="sm" onClick={onMoveUp} disabled={isFirst || isBusy} aria-label={t('themes.actions.upNamed', { name })}>
          {t('themes.actions.up')}
        </Button>
        <Button variant="ghost" size="sm" onClick={onMoveDown} disabled={isLast || isBusy} aria-label={t('themes.actions.downNamed', { name })}>
          {t('themes.actions.down')}
        </Button>
        <Button variant="ghost" size="sm" onClick={onMoveUnder} aria-label={t('themes.actions.moveUnderNamed', { name })}>
          {t('themes.actions.moveUnder')}
        </Button>
        <Button variant="ghost" size="sm" onClick={onMerge} aria-label={t('themes.actions.mergeNamed', { name })}>
          {t('themes.actions.merge')}
        </Button>
        <Button variant="ghost" size="sm" onClick={onArchive} disabled={isBusy} aria-label={t(theme.isArchived ? 'themes.actions.unarchiveNamed' : 'themes.actions.archiveNamed', { name })}>
          {t(theme.isArchived ? 'themes.actions.unarchive' : 'themes.actions.archive')}
        </Button>
      </span>
    </div>
  );
}
