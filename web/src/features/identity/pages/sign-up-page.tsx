import { Link, Navigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader, Tabs } from '@/components';
import { useCurrentOrganization } from '@/features/organizations/pages/organization-layout';
import { pickLocalized } from '@/lib/locale';
import { useSession } from '../api/use-session';
import { EmailSignUpForm } from '../components/email-forms';
import { MobileCodeForm } from '../components/mobile-code-form';
import { safeNextPath } from '../components/use-auth-redirect';

/** `/:slug/sign-up`: mobile + name then code, or e-mail + password + name. */
export default function SignUpPage() {
  const { t, i18n } = useTranslation('identity');
  const organization = useCurrentOrganization();
  const { data: session } = useSession();
  const [searchParams] = useSearchParams();
  const name = pickLocalized(organization.name, i18n.language);

  if (session?.account) return <Navigate to={safeNextPath(searchParams.get('next')) ?? `/${organization.slug}`} replace />;

  const search = searchParams.toString();
  return (
    <div className="page-narrow">
      <PageHeader title={t('signUp.title', { organization: name })} description={t('signUp.intro')} />
      <Tabs
        label={t('tabs.label')}
        items={[
          { value: 'mobile', label: t('tabs.mobile'), content: <MobileCodeForm mode="sign-up" organizationSlug={organization.slug} /> },
          { value: 'email', label: t('tabs.email'), content: <EmailSignUpForm organizationSlug={organization.slug} /> },
        ]}
      />
      <p className="section">
        {t('signUp.haveAccount')} <Link to={`/${organization.slug}/sign-in${search ? `?${search}` : ''}`}>{t('signUp.toSignIn')}</Link>
      </p>
    </div>
  );
}
