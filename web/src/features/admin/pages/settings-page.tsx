import { useId, useState } from 'react';
import { Controller, useForm, useWatch, type FieldErrors, type UseFormReturn } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  contrastWithWhite,
  LOCALES,
  MIN_CONTRAST_WITH_WHITE,
  SIGN_IN_METHODS,
  ZUpdateOrganizationSettings,
  type Locale,
  type TOrganizationSettings,
} from '@hamandishi/contracts';
import { renderSafeMarkdown } from '@hamandishi/text';
import { Alert, Button, Card, FileField, PageHeader, Spinner, Tabs, TextField, useToast } from '@/components';
import { LOCALE_NAMES, translateErrorCode } from '@/app/i18n';
import { usePageTitle } from '@/app/use-page-title';
import { useCurrentOrganization } from '@/features/organizations/pages/organization-layout';
import { applyServerFieldErrors, errorCodeOf, fieldErrorMessage } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { isLocale } from '@/lib/locale';
import { ADMIN_NS } from '../admin-i18n';
import { useOrganizationSettings, useRemoveLogo, useSaveSettings, useUploadLogo } from '../api/use-settings';

type FormInput = z.input<typeof ZUpdateOrganizationSettings>;
type FormOutput = z.output<typeof ZUpdateOrganizationSettings>;
type Form = UseFormReturn<FormInput, unknown, FormOutput>;

const PAGES = ['welcome', 'about', 'terms', 'privacy'] as const;
type PageKey = (typeof PAGES)[number];
const HEX = /^#[0-9a-fA-F]{6}$/;

/** Every field of the form, for the server's per-field errors. */
const FIELD_NAMES = [
  'name.fa',
  'name.ar',
  'name.en',
  'primaryColor',
  'accentColor',
  'signInMethods',
  'locales',
  ...PAGES.flatMap((page) => LOCALES.map((locale) => `${page}.${locale}` as const)),
] as const;

function toForm(s: TOrganizationSettings): FormInput {
  const texts = (t: { fa?: string; ar?: string; en?: string }) => ({ fa: t.fa ?? '', ar: t.ar ?? '', en: t.en ?? '' });
  return {
    name: texts(s.name),
    primaryColor: s.primaryColor,
    accentColor: s.accentColor,
    welcome: texts(s.welcome),
    about: texts(s.about),
    terms: texts(s.terms),
    privacy: texts(s.privacy),
    signInMethods: s.signInMethods,
    locales: s.locales,
  };
}

/** `/:slug/admin/settings`: names, logo, colours, pages, sign-in methods and languages. */
export default function SettingsPage() {
  const { t } = useTranslation(ADMIN_NS);
  usePageTitle(t('settings.title'));
  const organization = useCurrentOrganization();
  const settings = useOrganizationSettings(organization.slug);
  return (
    <div className="stack">
      <PageHeader title={t('settings.title')} description={t('settings.intro')} />
      {settings.isPending && <Spinner size="lg" />}
      {settings.isError && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(settings.error))}</Alert>}
      {settings.data && (
        <>
          <LogoCard slug={organization.slug} settings={settings.data} />
          <SettingsForm slug={organization.slug} settings={settings.data} />
        </>
      )}
    </div>
  );
}

function SettingsForm({ slug, settings }: { slug: string; settings: TOrganizationSettings }) {
  const { t } = useTranslation([ADMIN_NS, 'common', 'errors']);
  const toast = useToast();
  const save = useSaveSettings(slug);
  const form: Form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(ZUpdateOrganizationSettings),
    defaultValues: toForm(settings),
  });
  const errors = form.formState.errors;
  const handleSubmit = form.handleSubmit(async (values) => {
    try {
      const saved = await save.mutateAsync(values);
      form.reset(toForm(saved));
      toast.show({ title: t('common:toast.saved'), variant: 'success' });
    } catch (error) {
      applyServerFieldErrors(error, form.setError, FIELD_NAMES);
    }
  });
  const hasFieldErrors = Object.keys(errors).length > 0;

  return (
    <form className="stack" onSubmit={handleSubmit} noValidate aria-label={t('settings.formLabel')}>
      <Card title={t('settings.identity.title')} headingLevel={2}>
        <fieldset className="admin-fieldset">
          <legend>{t('settings.identity.names')}</legend>
          {LOCALES.map((locale) => (
            <TextField
              key={locale}
              label={LOCALE_NAMES[locale]}
              lang={locale}
              dir={locale === 'en' ? 'ltr' : 'rtl'}
              error={fieldErrorMessage(t, errors.name?.[locale])}
              {...form.register(`name.${locale}`)}
            />
          ))}
        </fieldset>
        <div className="admin-colors">
          <ColorField form={form} name="primaryColor" label={t('settings.identity.primaryColor')} />
          <ColorField form={form} name="accentColor" label={t('settings.identity.accentColor')} />
        </div>
      </Card>

      <Card title={t('settings.pages.title')} headingLevel={2}>
        <p className="muted">{t('settings.pages.intro')}</p>
        <Tabs
          label={t('settings.pages.title')}
          items={PAGES.map((page) => ({
            value: page,
            label: t(`settings.pages.${page}`),
            content: <PageEditor form={form} page={page} />,
          }))}
        />
      </Card>

      <Card title={t('settings.access.title')} headingLevel={2}>
        <CheckboxGroup
          form={form}
          name="signInMethods"
          legend={t('settings.access.signInMethods')}
          hint={t('settings.access.signInHint')}
          options={SIGN_IN_METHODS.map((m) => ({ value: m, label: t(`settings.access.method.${m}`) }))}
        />
        <CheckboxGroup
          form={form}
          name="locales"
          legend={t('settings.access.locales')}
          hint={t('settings.access.localesHint', { name: LOCALE_NAMES[settings.defaultLocale] })}
          options={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l], lang: l }))}
        />
      </Card>

      {save.error && !hasFieldErrors && (
        <Alert variant="danger">{translateErrorCode(t, errorCodeOf(save.error))}</Alert>
      )}
      {hasFieldErrors && <Alert variant="danger">{t('errors:common.validation_failed')}</Alert>}
      <div>
        <Button type="submit" isLoading={save.isPending}>
          {t('settings.save')}
        </Button>
      </div>
    </form>
  );
}

function ColorField({ form, name, label }: { form: Form; name: 'primaryColor' | 'accentColor'; label: string }) {
  const { t, i18n } = useTranslation([ADMIN_NS, 'errors']);
  const value = useWatch({ control: form.control, name }) ?? '';
  const isHex = HEX.test(value.trim());
  const ratio = isHex ? contrastWithWhite(value.trim()) : null;
  const isReadable = ratio !== null && ratio >= MIN_CONTRAST_WITH_WHITE;
  const contrastId = useId();
  return (
    <div className="admin-color">
      <TextField
        label={label}
        isLtr
        hint={t('settings.identity.colorHint')}
        error={fieldErrorMessage(t, form.formState.errors[name])}
        aria-describedby={contrastId}
        {...form.register(name)}
      />
      <div className="admin-color__preview" style={isHex ? { backgroundColor: value.trim() } : undefined} aria-hidden="true">
        {t('settings.identity.sample')}
      </div>
      <p id={contrastId} className={isReadable ? 'admin-color__ok' : 'admin-color__bad'} role="status">
        {ratio === null
          ? t('settings.identity.contrastUnknown')
          : t(isReadable ? 'settings.identity.contrastOk' : 'settings.identity.contrastLow', {
              ratio: formatNumber(Math.round(ratio * 10) / 10, isLocale(i18n.language) ? i18n.language : 'fa'),
            })}
      </p>
    </div>
  );
}

function PageEditor({ form, page }: { form: Form; page: PageKey }) {
  const { t } = useTranslation([ADMIN_NS, 'errors']);
  const [locale, setLocale] = useState<Locale>('fa');
  const id = useId();
  const path = `${page}.${locale}` as const;
  const text = useWatch({ control: form.control, name: path }) ?? '';
  const error = fieldErrorMessage(t, (form.formState.errors as FieldErrors<FormInput>)[page]?.[locale]);
  const dir = locale === 'en' ? 'ltr' : 'rtl';
  return (
    <div className="stack admin-page-editor">
      <div className="admin-segmented" role="group" aria-label={t('settings.pages.language')}>
        {LOCALES.map((l) => (
          <button
            key={l}
            type="button"
            lang={l}
            aria-pressed={l === locale}
            className={l === locale ? 'admin-segmented__on' : undefined}
            onClick={() => setLocale(l)}
          >
            {LOCALE_NAMES[l]}
          </button>
        ))}
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-text`}>
          {t('settings.pages.textLabel', { page: t(`settings.pages.${page}`), language: LOCALE_NAMES[locale] })}
        </label>
        <textarea
          key={path}
          id={`${id}-text`}
          className="field__input field__textarea"
          lang={locale}
          dir={dir}
          rows={page === 'welcome' ? 4 : 10}
          aria-invalid={error ? true : undefined}
          aria-describedby={[`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ')}
          {...form.register(path)}
        />
        <p id={`${id}-hint`} className="field__hint">
          {t('settings.pages.markdownHint')}
        </p>
        {error && (
          <p className="field__error" id={`${id}-error`}>
            {error}
          </p>
        )}
      </div>
      <section className="admin-preview" aria-label={t('settings.pages.preview')}>
        <h3>{t('settings.pages.preview')}</h3>
        {text.trim() ? (
          // renderSafeMarkdown escapes all HTML first; only its own tags come out.
          <div className="prose" lang={locale} dir={dir} dangerouslySetInnerHTML={{ __html: renderSafeMarkdown(text) }} />
        ) : (
          <p className="muted">{t('settings.pages.empty')}</p>
        )}
      </section>
    </div>
  );
}

function CheckboxGroup({
  form,
  name,
  legend,
  hint,
  options,
}: {
  form: Form;
  name: 'signInMethods' | 'locales';
  legend: string;
  hint: string;
  options: { value: string; label: string; lang?: string }[];
}) {
  const { t } = useTranslation([ADMIN_NS, 'errors']);
  const id = useId();
  const error = fieldErrorMessage(t, form.formState.errors[name] as never);
  return (
    <fieldset className="admin-fieldset" aria-describedby={[`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ')}>
      <legend>{legend}</legend>
      <p id={`${id}-hint`} className="field__hint">
        {hint}
      </p>
      <Controller
        control={form.control}
        name={name}
        render={({ field }) => {
          const selected = (field.value ?? []) as string[];
          return (
            <div className="admin-checkboxes">
              {options.map((option) => {
                const isChecked = selected.includes(option.value);
                return (
                  <div className="checkbox" key={option.value}>
                    <input
                      id={`${id}-${option.value}`}
                      type="checkbox"
                      checked={isChecked}
                      onChange={() =>
                        field.onChange(isChecked ? selected.filter((v) => v !== option.value) : [...selected, option.value])
                      }
                    />
                    <label htmlFor={`${id}-${option.value}`} lang={option.lang}>
                      {option.label}
                    </label>
                  </div>
                );
              })}
            </div>
          );
        }}
      />
      {error && (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      )}
    </fieldset>
  );
}

function LogoCard({ slug, settings }: { slug: string; settings: TOrganizationSettings }) {
  const { t } = useTranslation([ADMIN_NS, 'common', 'errors']);
  const upload = useUploadLogo(slug);
  const remove = useRemoveLogo(slug);
  const error = upload.error ?? remove.error;
  return (
    <Card title={t('settings.logo.title')} headingLevel={2}>
      <div className="admin-logo">
        <div className="admin-logo__preview">
          {settings.logoUrl ? (
            <img src={settings.logoUrl} alt={t('settings.logo.current')} />
          ) : (
            <p className="muted">{t('settings.logo.none')}</p>
          )}
        </div>
        <div className="stack">
          <FileField
            label={t('settings.logo.choose')}
            hint={t('settings.logo.hint')}
            accept="image/png,image/jpeg,image/webp"
            fileName={null}
            disabled={upload.isPending}
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) upload.mutate(file);
              event.target.value = '';
            }}
          />
          {settings.logoUrl && (
            <div>
              <Button variant="secondary" isLoading={remove.isPending} onClick={() => remove.mutate()}>
                {t('settings.logo.remove')}
              </Button>
            </div>
          )}
          {upload.isPending && <p role="status">{t('settings.logo.uploading')}</p>}
          {error && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(error))}</Alert>}
        </div>
      </div>
    </Card>
  );
}
