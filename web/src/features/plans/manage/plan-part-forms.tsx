import { useId } from 'react';
import { Controller, useFieldArray, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import {
  UPSTREAM_LEVELS,
  ZSaveCommittee,
  ZSaveUpstreamDocument,
  type TCommittee,
  type TSaveCommittee,
  type TSaveUpstreamDocument,
  type TUpstreamDocument,
} from '@hamandishi/contracts';
import { toAsciiDigits } from '@hamandishi/text';
import { Button, Select, TextField, YearField } from '@/components';
import { useCurrentOrganization } from '@/features/organizations/pages/organization-layout';
import { applyServerFieldErrors, fieldErrorMessage } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { pickLocalized } from '@/lib/locale';
import { useLocale } from '@/lib/use-locale';
import { compactLocalized, localizedDefaults } from './form-helpers';
import { errorAt, LocalizedTextFields, SaveError } from './fields';
import { MANAGE_NS } from './manage-i18n';

type CommitteeInput = z.input<typeof ZSaveCommittee>;
type CommitteeOutput = z.output<typeof ZSaveCommittee>;

/** Account ids typed one per line or separated by commas. */
function parseIds(value: unknown): string[] {
  if (Array.isArray(value)) return value as string[];
  return String(value ?? '')
    .split(/[\s,،]+/)
    .map((part) => toAsciiDigits(part).trim())
    .filter(Boolean);
}

export type CommitteeFormProps = {
  committee?: TCommittee;
  onSubmit: (values: TSaveCommittee) => Promise<unknown>;
  submitLabel: string;
  error?: unknown;
};

/** A committee's name, description, themes from the municipality's taxonomy, and (optionally) people by account id. */
export function CommitteeForm({ committee, onSubmit, submitLabel, error }: CommitteeFormProps) {
  const { t } = useTranslation([MANAGE_NS, 'errors']);
  const organization = useCurrentOrganization();
  const locale = useLocale();
  const uid = useId();
  const form = useForm<CommitteeInput, unknown, CommitteeOutput>({
    resolver: zodResolver(ZSaveCommittee),
    defaultValues: {
      name: localizedDefaults(committee?.name),
      description: localizedDefaults(committee?.description),
      themeIds: committee?.themeIds ?? [],
      secretaryId: committee?.secretary?.id ?? null,
      memberIds: committee?.members.map((member) => member.id) ?? [],
    },
  });
  const { errors } = form.formState;
  // An archived theme is offered only to a committee that already carries it.
  const themes = [...organization.themes]
    .filter((theme) => !theme.isArchived || committee?.themeIds.includes(theme.id))
    .sort((a, b) => a.position - b.position);

  const handleSubmit = form.handleSubmit(async (values) => {
    const description = values.description && values.description.fa.trim() ? compactLocalized(values.description) : undefined;
    try {
      await onSubmit({ ...values, name: compactLocalized(values.name), description });
      if (!committee) form.reset();
    } catch (caught) {
      applyServerFieldErrors(caught, form.setError, ['name.fa', 'themeIds', 'secretaryId', 'memberIds']);
    }
  });

  return (
    <form className="stack" onSubmit={handleSubmit} noValidate>
      <SaveError error={error} />
      <LocalizedTextFields form={form} name="name" legend={t('committee.fields.name')} />
      <LocalizedTextFields form={form} name="description" legend={t('committee.fields.description')} isMultiline />
      <fieldset className="fieldset">
        <legend>{t('committee.fields.themes')}</legend>
        {themes.length === 0 && <p className="muted">{t('committee.noThemes')}</p>}
        <Controller
          control={form.control}
          name="themeIds"
          render={({ field }) => (
            <div className="checkbox-grid">
              {themes.map((theme) => {
                const selected = field.value ?? [];
                const isChecked = selected.includes(theme.id);
                return (
                  <div className="checkbox" key={theme.id}>
                    <input
                      id={`${uid}-theme-${theme.id}`}
                      type="checkbox"
                      checked={isChecked}
                      onChange={() => field.onChange(isChecked ? selected.filter((id) => id !== theme.id) : [...selected, theme.id])}
                    />
                    <label htmlFor={`${uid}-theme-${theme.id}`}>{pickLocalized(theme.name, locale)}</label>
                  </div>
                );
              })}
            </div>
          )}
        />
      </fieldset>
      <TextField
        label={t('committee.fields.secretaryId')}
        hint={t('committee.fields.accountIdHint')}
        isLtr
        error={fieldErrorMessage(t, errors.secretaryId, 'manage:fieldErrors.accountId')}
        {...form.register('secretaryId', { setValueAs: (value: unknown) => (String(value ?? '').trim() === '' ? null : String(value).trim()) })}
      />
      <div className="field">
        <label className="field__label" htmlFor={`${uid}-members`}>
          {t('committee.fields.memberIds')}
        </label>
        <textarea
          id={`${uid}-members`}
          className="field__input field__textarea field__input--ltr"
          rows={3}
          aria-describedby={`${uid}-members-hint`}
          aria-invalid={errorAt(errors, 'memberIds') || errors.memberIds ? true : undefined}
          {...form.register('memberIds', { setValueAs: parseIds })}
        />
        <p className="field__hint" id={`${uid}-members-hint`}>
          {t('committee.fields.memberIdsHint')}
        </p>
        {errors.memberIds && <p className="field__error">{t('fieldErrors.accountIds')}</p>}
      </div>
      <div>
        <Button type="submit" isLoading={form.formState.isSubmitting}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}

type DocumentInput = z.input<typeof ZSaveUpstreamDocument>;
type DocumentOutput = z.output<typeof ZSaveUpstreamDocument>;

export type UpstreamDocumentFormProps = {
  document?: TUpstreamDocument;
  onSubmit: (values: TSaveUpstreamDocument) => Promise<unknown>;
  submitLabel: string;
  error?: unknown;
};

/** An upstream document: level, title, issuer, year, link and the directions it sets. */
export function UpstreamDocumentForm({ document, onSubmit, submitLabel, error }: UpstreamDocumentFormProps) {
  const { t } = useTranslation([MANAGE_NS, 'plans', 'errors']);
  const locale = useLocale();
  const uid = useId();
  const form = useForm<DocumentInput, unknown, DocumentOutput>({
    resolver: zodResolver(ZSaveUpstreamDocument),
    defaultValues: {
      level: document?.level ?? 'national',
      title: localizedDefaults(document?.title),
      issuer: document?.issuer ?? '',
      year: document?.year ?? null,
      url: document?.url ?? null,
      directions: document?.directions.map((direction) => ({ text: direction.text, themeIds: direction.themeIds })) ?? [],
    },
  });
  const directions = useFieldArray({ control: form.control, name: 'directions' });
  const { errors } = form.formState;

  const handleSubmit = form.handleSubmit(async (values) => {
    try {
      await onSubmit({ ...values, title: compactLocalized(values.title) });
      if (!document) form.reset();
    } catch (caught) {
      applyServerFieldErrors(caught, form.setError, ['level', 'title.fa', 'issuer', 'year', 'url']);
    }
  });

  return (
    <form className="stack" onSubmit={handleSubmit} noValidate>
      <SaveError error={error} />
      <Controller
        control={form.control}
        name="level"
        render={({ field }) => (
          <Select
            label={t('upstream.fields.level')}
            value={field.value}
            options={UPSTREAM_LEVELS.map((level) => ({ value: level, label: t(`plans:levels.${level}`) }))}
            onValueChange={field.onChange}
          />
        )}
      />
      <LocalizedTextFields form={form} name="title" legend={t('upstream.fields.title')} />
      <TextField label={t('upstream.fields.issuer')} error={fieldErrorMessage(t, errors.issuer)} {...form.register('issuer')} />
      <Controller
        control={form.control}
        name="year"
        render={({ field }) => (
          <YearField
            label={t('upstream.fields.year')}
            hint={t('upstream.fields.yearHint')}
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            error={fieldErrorMessage(t, errors.year, 'manage:fieldErrors.year')}
          />
        )}
      />
      <TextField
        label={t('upstream.fields.url')}
        type="url"
        isLtr
        error={fieldErrorMessage(t, errors.url, 'manage:fieldErrors.url')}
        {...form.register('url', { setValueAs: (value: unknown) => (String(value ?? '').trim() === '' ? null : String(value).trim()) })}
      />
      <fieldset className="fieldset">
        <legend>{t('upstream.fields.directions')}</legend>
        {directions.fields.length === 0 && <p className="muted">{t('upstream.noDirections')}</p>}
        <ol className="stack direction-list">
          {directions.fields.map((direction, index) => (
            <li key={direction.id} className="direction-list__item">
              <div className="field">
                <label className="field__label" htmlFor={`${uid}-direction-${index}`}>
                  {t('upstream.fields.direction', { number: formatNumber(index + 1, locale) })}
                </label>
                <textarea
                  id={`${uid}-direction-${index}`}
                  className="field__input field__textarea"
                  rows={2}
                  aria-invalid={errorAt(errors, `directions.${index}.text`) ? true : undefined}
                  {...form.register(`directions.${index}.text`)}
                />
                {errorAt(errors, `directions.${index}.text`) && (
                  <p className="field__error">{fieldErrorMessage(t, errorAt(errors, `directions.${index}.text`))}</p>
                )}
              </div>
              <Button variant="ghost" size="sm" onClick={() => directions.remove(index)}>
                {t('upstream.removeDirection', { number: formatNumber(index + 1, locale) })}
              </Button>
            </li>
          ))}
        </ol>
        <div>
          <Button variant="secondary" size="sm" onClick={() => directions.append({ text: '', themeIds: [] })}>
            {t('upstream.addDirection')}
          </Button>
        </div>
      </fieldset>
      <div>
        <Button type="submit" isLoading={form.formState.isSubmitting}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
