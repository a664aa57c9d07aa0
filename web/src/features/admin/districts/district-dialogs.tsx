import { useMemo, useState } from 'react';
import { Controller, useForm, type FieldError } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import {
  POPULATION_AGE_BANDS,
  ZDistrictPopulationInput,
  ZLocalizedText,
  type TAdminDistrict,
  type TBoundary,
  type TOrganization,
} from '@hamandishi/contracts';
import { toAsciiDigits } from '@hamandishi/text';
import { Alert, Button, Dialog, TextField, YearField } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { applyServerFieldErrors, errorCodeOf, fieldErrorMessage } from '@/lib/errors';
import { isApiError } from '@/lib/api-client';
import { formatNumber } from '@/lib/format';
import { pickLocalized } from '@/lib/locale';
import { useLocale } from '@/lib/use-locale';
import { ADMIN_NS } from '../admin-i18n';
import { BoundaryEditor, type MapShape } from './districts-map';
import { useCreateDistrict, useSavePopulation, useUpdateDistrict } from './use-districts';

// The number as typed (any digits); the boundary comes from the map, not from an input.
const ZDistrictForm = z.object({
  number: z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? Number(toAsciiDigits(v.trim())) : undefined), z.number().int().min(1).max(9999)),
  name: ZLocalizedText,
});
type DistrictFormInput = { number: string; name: { fa: string; ar?: string; en?: string } };
type DistrictFormOutput = z.output<typeof ZDistrictForm>;

const compact = (name: { fa: string; ar?: string; en?: string }) => ({
  fa: name.fa,
  ...(name.ar?.trim() ? { ar: name.ar } : {}),
  ...(name.en?.trim() ? { en: name.en } : {}),
});

export type DistrictDialogProps = {
  organization: TOrganization;
  /** The district being edited; none for a new one drawn on the map. */
  district: TAdminDistrict | null;
  districts: readonly TAdminDistrict[];
  onClose: () => void;
};

/** A district's names and number, and its boundary drawn or adjusted on the map; the server checks it like an import. */
export function DistrictDialog({ organization, district, districts, onClose }: DistrictDialogProps) {
  const { t } = useTranslation([ADMIN_NS, 'errors']);
  const locale = useLocale();
  const create = useCreateDistrict(organization.slug);
  const update = useUpdateDistrict(organization.slug, district?.id ?? '');
  const mutation = district ? update : create;
  const [boundary, setBoundary] = useState<TBoundary | null>(null);
  const [mode, setMode] = useState<'adjust' | 'draw'>(district?.boundary ? 'adjust' : 'draw');
  const [boundaryError, setBoundaryError] = useState<string | null>(null);
  const form = useForm<DistrictFormInput, unknown, DistrictFormOutput>({
    resolver: zodResolver(ZDistrictForm) as never,
    defaultValues: {
      number: formatNumber(district ? district.number : Math.max(0, ...districts.map((d) => d.number)) + 1, locale),
      name: { fa: district?.name.fa ?? '', ar: district?.name.ar ?? '', en: district?.name.en ?? '' },
    },
  });
  const { errors } = form.formState;
  const others = useMemo<MapShape[]>(
    () =>
      districts
        .filter((d) => d.id !== district?.id && d.boundary)
        .map((d) => ({ key: d.id, label: pickLocalized(d.name, locale), boundary: d.boundary!, tone: 'muted' })),
    [districts, district, locale],
  );

  const handleSubmit = form.handleSubmit(async (values) => {
    setBoundaryError(null);
    if (!district && !boundary) {
      setBoundaryError(t('districts.edit.drawFirst'));
      return;
    }
    try {
      const name = compact(values.name);
      if (district) await update.mutateAsync({ number: values.number, name, ...(boundary ? { boundary } : {}) });
      else await create.mutateAsync({ number: values.number, name, boundary: boundary! });
      onClose();
    } catch (caught) {
      applyServerFieldErrors(caught, form.setError, ['number', 'name.fa', 'name.ar', 'name.en']);
      if (isApiError(caught) && caught.code === 'districts.invalid_boundary') {
        setBoundaryError(t(`districts.boundaryIssue.${caught.fields.boundary ?? 'invalid'}`, { defaultValue: t('errors:districts.invalid_boundary') }));
      }
    }
  });

  const nameField = (lang: 'fa' | 'ar' | 'en') => (
    <TextField
      key={lang}
      label={t(`districts.edit.name.${lang}`)}
      lang={lang}
      dir={lang === 'en' ? 'ltr' : 'rtl'}
      error={fieldErrorMessage(t, errors.name?.[lang])}
      {...form.register(`name.${lang}`)}
    />
  );

  return (
    <Dialog
      isOpen
      onOpenChange={(open) => !open && onClose()}
      title={district ? t('districts.edit.title', { name: pickLocalized(district.name, locale) }) : t('districts.edit.newTitle')}
      description={t('districts.edit.description')}
      actions={
        <Button type="submit" form="district-form" isLoading={mutation.isPending}>
          {t('districts.edit.save')}
        </Button>
      }
    >
      <form id="district-form" className="stack" onSubmit={handleSubmit} noValidate>
        {mutation.isError && !isApiError(mutation.error, 400) && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(mutation.error))}</Alert>}
        <TextField label={t('districts.edit.number')} inputMode="numeric" error={fieldErrorMessage(t, errors.number)} {...form.register('number')} />
        <fieldset className="district-fieldset">
          <legend>{t('districts.edit.names')}</legend>
          {nameField('fa')}
          {nameField('ar')}
          {nameField('en')}
        </fieldset>
        <fieldset className="district-fieldset">
          <legend>{t('districts.edit.boundary')}</legend>
          <p className="muted">{t(mode === 'draw' ? 'districts.edit.drawHint' : 'districts.edit.adjustHint')}</p>
          <div className="district-actions">
            {district?.boundary && (
              <Button type="button" variant={mode === 'adjust' ? 'primary' : 'secondary'} size="sm" aria-pressed={mode === 'adjust'} onClick={() => { setBoundary(null); setMode('adjust'); }}>
                {t('districts.edit.adjust')}
              </Button>
            )}
            <Button type="button" variant={mode === 'draw' ? 'primary' : 'secondary'} size="sm" aria-pressed={mode === 'draw'} onClick={() => { setBoundary(null); setMode('draw'); }}>
              {t('districts.edit.draw')}
            </Button>
          </div>
          {boundaryError && <Alert variant="danger">{boundaryError}</Alert>}
          <BoundaryEditor
            label={t('districts.edit.map')}
            center={organization.mapCenter}
            zoom={organization.mapZoom}
            boundary={district?.boundary ?? null}
            others={others}
            mode={mode}
            cornerLabel={t('districts.edit.corner')}
            onChange={setBoundary}
          />
        </fieldset>
      </form>
    </Dialog>
  );
}

type PopulationFormInput = z.input<typeof ZDistrictPopulationInput>;
type PopulationFormOutput = z.output<typeof ZDistrictPopulationInput>;
const COUNT_FIELDS = ['total', 'male', 'female', ...POPULATION_AGE_BANDS] as const;

export type PopulationDialogProps = { organization: TOrganization; district: TAdminDistrict; onClose: () => void };

/** A district's population: the Jalali year of its source, the total, by gender and by age band (any digits). */
export function PopulationDialog({ organization, district, onClose }: PopulationDialogProps) {
  const { t } = useTranslation([ADMIN_NS, 'errors']);
  const locale = useLocale();
  const save = useSavePopulation(organization.slug, district.id);
  const p = district.population;
  const form = useForm<PopulationFormInput, unknown, PopulationFormOutput>({
    resolver: zodResolver(ZDistrictPopulationInput),
    defaultValues: {
      sourceYear: p?.sourceYear ?? null,
      ...Object.fromEntries(COUNT_FIELDS.map((f) => [f, p?.[f] === null || p?.[f] === undefined ? '' : formatNumber(p[f], locale)])),
    },
  });
  const { errors } = form.formState;

  const handleSubmit = form.handleSubmit(async (values) => {
    try {
      await save.mutateAsync(values);
      onClose();
    } catch (caught) {
      applyServerFieldErrors(caught, form.setError, ['sourceYear', ...COUNT_FIELDS]);
    }
  });

  return (
    <Dialog
      isOpen
      onOpenChange={(open) => !open && onClose()}
      title={t('districts.population.title', { name: pickLocalized(district.name, locale) })}
      description={t('districts.population.description')}
      actions={
        <Button type="submit" form="population-form" isLoading={save.isPending}>
          {t('districts.population.save')}
        </Button>
      }
    >
      <form id="population-form" className="stack" onSubmit={handleSubmit} noValidate>
        {save.isError && !isApiError(save.error, 400) && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(save.error))}</Alert>}
        <Controller
          control={form.control}
          name="sourceYear"
          render={({ field }) => (
            <YearField
              label={t('districts.population.sourceYear')}
              value={field.value as number | null}
              onChange={(year) => field.onChange(year)}
              onBlur={field.onBlur}
              error={fieldErrorMessage(t, errors.sourceYear as FieldError | undefined)}
            />
          )}
        />
        <div className="district-population__grid">
          {COUNT_FIELDS.map((name) => (
            <TextField
              key={name}
              label={t(`districts.population.${name}`)}
              inputMode="numeric"
              error={fieldErrorMessage(t, errors[name] as FieldError | undefined, 'admin:districts.population')}
              {...form.register(name)}
            />
          ))}
        </div>
        <p className="muted">{t('districts.population.sumsHint')}</p>
      </form>
    </Dialog>
  );
}
