import '../districts/districts.css';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TAdminDistrict } from '@hamandishi/contracts';
import { Alert, Button, EmptyState, PageHeader, Spinner, Table, useToast, type TableColumn } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { usePageTitle } from '@/app/use-page-title';
import { useCurrentOrganization } from '@/features/organizations/pages/organization-layout';
import { errorCodeOf } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { pickLocalized } from '@/lib/locale';
import { useLocale } from '@/lib/use-locale';
import { ADMIN_NS } from '../admin-i18n';
import { DistrictDialog, PopulationDialog } from '../districts/district-dialogs';
import { PreviewMap, type MapShape } from '../districts/districts-map';
import { ImportDialog } from '../districts/import-dialog';
import { useAdminDistricts, useDeleteDistrict } from '../districts/use-districts';

type Open = { kind: 'import' } | { kind: 'edit'; district: TAdminDistrict | null } | { kind: 'population'; district: TAdminDistrict } | null;

/** `/:slug/admin/districts`: the districts with their population; import, draw, edit, delete. */
export default function AdminDistrictsPage() {
  const { t } = useTranslation([ADMIN_NS, 'errors']);
  usePageTitle(t('districts.title'));
  const organization = useCurrentOrganization();
  const locale = useLocale();
  const toast = useToast();
  const { data: districts, isPending, error } = useAdminDistricts(organization.slug);
  const remove = useDeleteDistrict(organization.slug);
  const [open, setOpen] = useState<Open>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const n = (v: number) => formatNumber(v, locale);

  const shapes = useMemo<MapShape[]>(
    () =>
      (districts ?? [])
        .filter((d) => d.boundary)
        .map((d) => ({ key: d.id, label: pickLocalized(d.name, locale), boundary: d.boundary!, tone: 'normal' })),
    [districts, locale],
  );

  const handleDelete = (district: TAdminDistrict) => {
    if (!window.confirm(t('districts.list.confirmDelete', { name: pickLocalized(district.name, locale) }))) return;
    remove.mutate(district.id, {
      onSuccess: () => toast.show({ title: t('districts.list.deleted'), variant: 'success' }),
      onError: (caught) => toast.show({ title: translateErrorCode(t, errorCodeOf(caught)), variant: 'danger' }),
    });
  };

  const columns: TableColumn<TAdminDistrict>[] = [
    { key: 'number', header: t('districts.list.number'), render: (d) => n(d.number) },
    {
      key: 'name',
      header: t('districts.list.name'),
      isRowHeader: true,
      render: (d) => (
        <button type="button" className="district-link" onClick={() => setSelected(d.id)}>
          {pickLocalized(d.name, locale)}
        </button>
      ),
    },
    {
      key: 'boundary',
      header: t('districts.list.boundary'),
      render: (d) => (d.boundary ? t('districts.list.hasBoundary') : t('districts.list.noBoundary')),
    },
    {
      key: 'population',
      header: t('districts.list.population'),
      render: (d) =>
        d.population
          ? t('districts.list.populationOf', { total: n(d.population.total), year: n(d.population.sourceYear) })
          : t('districts.list.noPopulation'),
    },
    { key: 'problems', header: t('districts.list.problems'), render: (d) => n(d.problemCount) },
    {
      key: 'actions',
      header: t('districts.list.actions'),
      render: (d) => {
        const name = pickLocalized(d.name, locale);
        return (
          <div className="district-actions">
            <Button size="sm" variant="secondary" aria-label={t('districts.list.editOf', { name })} onClick={() => setOpen({ kind: 'edit', district: d })}>
              {t('districts.list.edit')}
            </Button>
            <Button size="sm" variant="secondary" aria-label={t('districts.list.populationFor', { name })} onClick={() => setOpen({ kind: 'population', district: d })}>
              {t('districts.list.enterPopulation')}
            </Button>
            <Button size="sm" variant="ghost" aria-label={t('districts.list.deleteOf', { name })} onClick={() => handleDelete(d)} disabled={d.problemCount > 0}>
              {t('districts.list.delete')}
            </Button>
          </div>
        );
      },
    },
  ];

  return (
    <div className="stack">
      <PageHeader
        title={t('districts.title')}
        description={t('districts.intro')}
        actions={
          <div className="district-actions">
            <Button onClick={() => setOpen({ kind: 'import' })}>{t('districts.import.open')}</Button>
            <Button variant="secondary" onClick={() => setOpen({ kind: 'edit', district: null })}>
              {t('districts.list.new')}
            </Button>
          </div>
        }
      />
      {isPending && <Spinner />}
      {error && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(error))}</Alert>}
      {districts && districts.length === 0 && <EmptyState title={t('districts.list.empty')} description={t('districts.list.emptyHint')} />}
      {districts && districts.length > 0 && (
        <>
          <Table caption={t('districts.list.caption')} columns={columns} rows={districts} rowKey={(d) => d.id} />
          {shapes.length > 0 && (
            <PreviewMap
              label={t('districts.list.map')}
              center={organization.mapCenter}
              zoom={organization.mapZoom}
              shapes={shapes}
              selectedKey={selected}
              onSelect={setSelected}
            />
          )}
        </>
      )}
      {open?.kind === 'import' && <ImportDialog organization={organization} isOpen onOpenChange={(isOpen) => !isOpen && setOpen(null)} />}
      {open?.kind === 'edit' && (
        <DistrictDialog organization={organization} district={open.district} districts={districts ?? []} onClose={() => setOpen(null)} />
      )}
      {open?.kind === 'population' && <PopulationDialog organization={organization} district={open.district} onClose={() => setOpen(null)} />}
    </div>
  );
}
