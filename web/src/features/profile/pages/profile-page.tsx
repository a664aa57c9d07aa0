import { useState } from 'react';
import { type Control, Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import {
  AGE_BANDS,
  GENDERS,
  ZDisplayName,
  ZUpdateProfile,
  type TAccount,
  type TMembership,
  type TOrganization,
} from '@hamandishi/contracts';
import { Alert, Button, Card, DateText, Dialog, DialogClose, PageHeader, Select, Spinner, TextField, useToast } from '@/components';
import { LOCALE_NAMES, translateErrorCode } from '@/app/i18n';
import { useChangeLocale } from '@/app/use-change-locale';
import { useDeleteAccount, useUpdateProfile } from '@/features/identity/api/use-auth-mutations';
import { useSession } from '@/features/identity/api/use-session';
import { useJoinOrganization, useUpdateMembership } from '@/features/organizations/api/use-organizations';
import { useCurrentOrganization } from '@/features/organizations/pages/organization-layout';
import { applyServerFieldErrors, errorCodeOf, fieldErrorMessage } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { isLocale, LOCALES, pickLocalized } from '@/lib/locale';
import { usePageTitle } from '@/app/use-page-title';
import { MyActivity } from '../components/my-activity';
import { MyInvitations, MyMemberships } from '../components/my-invitations';

/** `/:slug/profile`: one's details, language, district, demographics and data rights. */
export default function ProfilePage() {
  const { t } = useTranslation('profile');
  const organization = useCurrentOrganization();
  const { data: session, isPending } = useSession();
  const location = useLocation();
  usePageTitle(t('title'));

  if (isPending) return <Spinner size="lg" />;
  if (!session?.account) {
    const next = encodeURIComponent(location.pathname);
    return <Navigate to={`/${organization.slug}/sign-in?next=${next}`} replace />;
  }
  const membership = session.memberships.find((m) => m.organizationSlug === organization.slug) ?? null;

  return (
    <div className="stack">
      <PageHeader title={t('title')} />
      <MyActivity accountId={session.account.id} slug={organization.slug} />
      <MyInvitations />
      <MyMemberships memberships={session.memberships} />
      <DetailsSection account={session.account} />
      <LanguageSection />
      <DistrictSection organization={organization} membership={membership} />
      <DemographicsSection account={session.account} />
      <DataSection />
    </div>
  );
}

const ZDetails = z.object({ displayName: ZDisplayName });

function DetailsSection({ account }: { account: TAccount }) {
  const { t } = useTranslation(['profile', 'identity', 'common', 'errors']);
  const toast = useToast();
  const update = useUpdateProfile();
  const form = useForm<z.input<typeof ZDetails>, unknown, z.output<typeof ZDetails>>({
    resolver: zodResolver(ZDetails),
    defaultValues: { displayName: account.displayName },
  });
  const handleSubmit = form.handleSubmit(async (values) => {
    try {
      await update.mutateAsync(values);
      toast.show({ title: t('common:toast.saved'), variant: 'success' });
    } catch (error) {
      applyServerFieldErrors(error, form.setError, ['displayName']);
    }
  });
  return (
    <Card title={t('account.title')} headingLevel={2}>
      <dl className="details-list">
        <dt>{t('account.memberSince')}</dt>
        <dd>
          <DateText value={account.createdAt} />
        </dd>
        <dt>{t('account.mobile')}</dt>
        <dd>{account.mobile ? <bdi dir="ltr">{account.mobile}</bdi> : t('account.notSet')}</dd>
        <dt>{t('account.email')}</dt>
        <dd>{account.email ? <bdi dir="ltr">{account.email}</bdi> : t('account.notSet')}</dd>
      </dl>
      <form className="stack" onSubmit={handleSubmit} noValidate>
        {update.error && !form.formState.errors.displayName && (
          <Alert variant="danger">{translateErrorCode(t, errorCodeOf(update.error))}</Alert>
        )}
        <TextField
          label={t('identity:fields.displayName.label')}
          hint={t('identity:fields.displayName.hint')}
          error={fieldErrorMessage(t, form.formState.errors.displayName)}
          autoComplete="nickname"
          {...form.register('displayName')}
        />
        <div>
          <Button type="submit" isLoading={update.isPending}>
            {t('common:actions.save')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function LanguageSection() {
  const { t, i18n } = useTranslation('profile');
  const changeLocale = useChangeLocale();
  // The languages this municipality offers (its settings).
  const offered = useCurrentOrganization().locales ?? LOCALES;
  return (
    <Card title={t('language.title')} headingLevel={2}>
      <Select
        label={t('language.label')}
        value={i18n.language}
        options={LOCALES.filter((locale) => offered.includes(locale)).map((locale) => ({
          value: locale,
          label: LOCALE_NAMES[locale],
          lang: locale,
        }))}
        onValueChange={(value) => {
          if (isLocale(value)) changeLocale(value);
        }}
      />
    </Card>
  );
}

// Radix Select cannot hold an empty value, so "no district" has a sentinel.
const NO_DISTRICT = 'none';

function DistrictSection({ organization, membership }: { organization: TOrganization; membership: TMembership | null }) {
  const { t, i18n } = useTranslation(['profile', 'organizations', 'common', 'errors']);
  const toast = useToast();
  const join = useJoinOrganization(organization.slug);
  const update = useUpdateMembership(organization.slug);
  const locale = isLocale(i18n.language) ? i18n.language : 'fa';
  const name = pickLocalized(organization.name, locale);

  if (!membership) {
    return (
      <Card title={t('district.title')} headingLevel={2}>
        <p>{t('district.joinBody', { name })}</p>
        {join.error && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(join.error))}</Alert>}
        <div>
          <Button onClick={() => join.mutate()} isLoading={join.isPending}>
            {t('district.join', { name })}
          </Button>
        </div>
      </Card>
    );
  }

  const options = [
    { value: NO_DISTRICT, label: t('district.none') },
    ...[...organization.districts]
      .sort((a, b) => a.number - b.number)
      .map((district) => ({
        value: district.id,
        label: `${t('organizations:home.districtNumber', { number: formatNumber(district.number, locale) })} – ${pickLocalized(district.name, locale)}`,
      })),
  ];

  return (
    <Card title={t('district.title')} headingLevel={2}>
      {update.error && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(update.error))}</Alert>}
      <Select
        label={t('district.label')}
        hint={t('district.hint')}
        value={membership.districtId ?? NO_DISTRICT}
        options={options}
        isDisabled={update.isPending}
        onValueChange={(value) =>
          update.mutate(
            { districtId: value === NO_DISTRICT ? null : value },
            { onSuccess: () => toast.show({ title: t('common:toast.saved'), variant: 'success' }) },
          )
        }
      />
    </Card>
  );
}

type DemographicsInput = z.input<typeof ZUpdateProfile>;
type DemographicsOutput = z.output<typeof ZUpdateProfile>;
const UNSET = 'unset';

type OptionalChoiceProps = {
  control: Control<DemographicsInput, unknown, DemographicsOutput>;
  name: 'ageBand' | 'gender';
  values: readonly string[];
  labelKey: 'ageBands' | 'genders';
};

/** A demographic question whose answer may stay unset ("choose..." maps to null). */
function OptionalChoice({ control, name, values, labelKey }: OptionalChoiceProps) {
  const { t } = useTranslation(['profile', 'errors']);
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <Select
          label={t(`demographics.${name}`)}
          placeholder={t('demographics.choose')}
          value={field.value ?? UNSET}
          error={fieldErrorMessage(t, fieldState.error)}
          options={[
            { value: UNSET, label: t('demographics.choose') },
            ...values.map((value) => ({ value, label: t(`demographics.${labelKey}.${value}`) })),
          ]}
          onValueChange={(value) => field.onChange(value === UNSET ? null : value)}
        />
      )}
    />
  );
}

function DemographicsSection({ account }: { account: TAccount }) {
  const { t } = useTranslation(['profile', 'common', 'errors']);
  const toast = useToast();
  const update = useUpdateProfile();
  const form = useForm<DemographicsInput, unknown, DemographicsOutput>({
    resolver: zodResolver(ZUpdateProfile),
    defaultValues: {
      demographicsConsent: account.demographicsConsent,
      ageBand: account.ageBand,
      gender: account.gender,
    },
  });
  const hasConsent = form.watch('demographicsConsent');
  const handleSubmit = form.handleSubmit(async (values) => {
    // Withdrawing consent erases the answers (the server does the same).
    const body = values.demographicsConsent
      ? { demographicsConsent: true, ageBand: values.ageBand ?? null, gender: values.gender ?? null }
      : { demographicsConsent: false, ageBand: null, gender: null };
    try {
      const saved = await update.mutateAsync(body);
      form.reset({ demographicsConsent: saved.demographicsConsent, ageBand: saved.ageBand, gender: saved.gender });
      toast.show({ title: t('common:toast.saved'), variant: 'success' });
    } catch (error) {
      applyServerFieldErrors(error, form.setError, ['demographicsConsent', 'ageBand', 'gender']);
    }
  });

  return (
    <Card title={t('demographics.title')} headingLevel={2}>
      <p className="muted">{t('demographics.intro')}</p>
      <form className="stack" onSubmit={handleSubmit} noValidate>
        {update.error && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(update.error))}</Alert>}
        <div className="checkbox">
          <input id="demographics-consent" type="checkbox" {...form.register('demographicsConsent')} />
          <label htmlFor="demographics-consent">{t('demographics.consent')}</label>
        </div>
        {form.formState.errors.demographicsConsent && (
          <p className="field__error">{fieldErrorMessage(t, form.formState.errors.demographicsConsent)}</p>
        )}
        {hasConsent && (
          <>
            <OptionalChoice control={form.control} name="ageBand" values={AGE_BANDS} labelKey="ageBands" />
            <OptionalChoice control={form.control} name="gender" values={GENDERS} labelKey="genders" />
          </>
        )}
        <div>
          <Button type="submit" isLoading={update.isPending}>
            {t('common:actions.save')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function DataSection() {
  const { t } = useTranslation(['profile', 'common', 'errors']);
  const toast = useToast();
  const navigate = useNavigate();
  const organization = useCurrentOrganization();
  const remove = useDeleteAccount();
  const [isOpen, setIsOpen] = useState(false);

  const handleDelete = () => {
    remove.mutate(undefined, {
      onSuccess: () => {
        setIsOpen(false);
        toast.show({ title: t('delete.done'), variant: 'success' });
        void navigate(`/${organization.slug}`, { replace: true });
      },
    });
  };

  return (
    <>
      <Card title={t('data.title')} headingLevel={2}>
        <p>{t('data.body')}</p>
        <div>
          <a className="btn btn--secondary" href="/api/me/export" download>
            {t('data.download')}
          </a>
        </div>
      </Card>
      <Card title={t('delete.title')} headingLevel={2}>
        <p>{t('delete.body')}</p>
        <div>
          <Button variant="danger" onClick={() => setIsOpen(true)}>
            {t('delete.action')}
          </Button>
        </div>
      </Card>
      <Dialog
        isOpen={isOpen}
        onOpenChange={setIsOpen}
        title={t('delete.confirmTitle')}
        description={t('delete.confirmBody')}
        actions={
          <>
            <DialogClose asChild>
              <Button variant="secondary">{t('common:actions.cancel')}</Button>
            </DialogClose>
            <Button variant="danger" onClick={handleDelete} isLoading={remove.isPending}>
              {t('delete.confirm')}
            </Button>
          </>
        }
      >
        {remove.error && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(remove.error))}</Alert>}
      </Dialog>
    </>
  );
}
