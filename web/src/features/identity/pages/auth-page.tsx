import { Link, Navigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader, Tabs } from '@/components';
import { useCurrentOrganization } from '@/features/organizations/pages/organization-layout';
import { pickLocalized } from '@/lib/locale';
import { useSession } from '../api/use-session';
import { EmailSignInForm, EmailSignUpForm } from '../components/email-forms';
import { MobileCodeForm } from '../components/mobile-code-form';
import { safeNextPath } from '../components/use-auth-redirect';
import { usePageTitle } from '@/app/use-page-title';

type AuthPageProps = { mode: 'sign-in' | 'sign-up' };

// Each mode's catalog keys and the other mode's path, so both pages stay one component.
const MODES = {
  'sign-in': { keys: 'signIn', switchPrompt: 'signIn.noAccount', switchLink: 'signIn.toSignUp', other: 'sign-up' },
  'sign-up': { keys: 'signUp', switchPrompt: 'signUp.haveAccount', switchLink: 'signUp.toSignIn', other: 'sign-in' },
} as const;

/** Sign in or sign up in a municipality: mobile + code, or e-mail + password. */
export function AuthPage({ mode }: AuthPageProps) {
  const { t, i18n } = useTranslation('identity');
  const organization = useCurrentOrganization();
  const { data: session } = useSession();
  const [searchParams] = useSearchParams();
  const name = pickLocalized(organization.name, i18n.language);
  const config = MODES[mode];
  usePageTitle(t(mode === 'sign-in' ? 'common:header.signIn' : 'common:header.signUp'));

  if (session?.account) return <Navigate to={safeNextPath(searchParams.get('next')) ?? `/${organization.slug}`} replace />;

  const search = searchParams.toString();
  const emailForm =
    mode === 'sign-in' ? <EmailSignInForm organizationSlug={organization.slug} /> : <EmailSignUpForm organizationSlug={organization.slug} />;
  const allowed = organization.signInMethods ?? ['mobile_code', 'email'];
  const methods = [
    ...(allowed.includes('mobile_code')
      ? [{ value: 'mobile', label: t('tabs.mobile'), content: <MobileCodeForm mode={mode} organizationSlug={organization.slug} /> }]
      : []),
    ...(allowed.includes('email') ? [{ value: 'email', label: t('tabs.email'), content: emailForm }] : []),
  ];
  return (
    <div className="page-narrow">
      <PageHeader title={t(`${config.keys}.title`, { organization: name })} description={t(`${config.keys}.intro`)} />
      {/* Only the ways this municipality allows (its settings); with one, no tabs. */}
      {methods.length === 1 ? (
        methods[0].content
      ) : (
        <Tabs label={t('tabs.label')} items={methods} />
      )}
      <p className="section">
        {t(config.switchPrompt)}{' '}
        <Link to={`/${organization.slug}/${config.other}${search ? `?${search}` : ''}`}>{t(config.switchLink)}</Link>
      </p>
    </div>
  );
}
