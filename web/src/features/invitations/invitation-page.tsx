import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Alert, Button, buttonClassName, DateText, PageHeader, Spinner, useToast } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { usePageTitle } from '@/app/use-page-title';
import { useSession } from '@/features/identity/api/use-session';
import { useCurrentOrganization } from '@/features/organizations/pages/organization-layout';
import { errorCodeOf } from '@/lib/errors';
import { pickLocalized } from '@/lib/locale';
import { INVITATIONS_NS } from './invitations-i18n';
import { useAcceptInvitation, useInvitationPreview } from './use-invitations';

/**
 * `/:slug/invitations/:token`: what the invitation is for; sign in (the usual code flow, back
 * here with `?next=`), then accept. After accepting, an admin goes to the administration area,
 * anyone else to the municipality's home.
 */
export default function InvitationPage() {
  const { t, i18n } = useTranslation([INVITATIONS_NS, 'errors']);
  usePageTitle(t('title'));
  const { token = '' } = useParams();
  const organization = useCurrentOrganization();
  const location = useLocation();
  const navigate = useNavigate();
  const toast = useToast();
  const { data: session, isPending: isSessionPending } = useSession();
  const preview = useInvitationPreview(token);
  const accept = useAcceptInvitation(token);

  if (preview.isPending || isSessionPending) return <Spinner size="lg" />;
  if (preview.isError) {
    return (
      <div className="stack">
        <PageHeader title={t('title')} />
        <Alert variant="danger">{translateErrorCode(t, errorCodeOf(preview.error))}</Alert>
        <p>
          <Link to={`/${organization.slug}`}>{t('goHome')}</Link>
        </p>
      </div>
    );
  }
  const invitation = preview.data;
  const name = pickLocalized(invitation.organization.name, i18n.language);
  const slug = invitation.organization.slug;

  const handleAccept = () =>
    accept.mutate(undefined, {
      onSuccess: ({ membership }) => {
        toast.show({ title: t('accepted'), variant: 'success' });
        void navigate(membership.roles.includes('admin') ? `/${slug}/admin` : `/${slug}`, { replace: true });
      },
    });

  return (
    <div className="stack">
      <PageHeader title={t('title')} />
      <section className="card stack" aria-labelledby="invitation-summary">
        <p id="invitation-summary">{t('intro', { name })}</p>
        <ul>
          {invitation.roles.map((role) => (
            <li key={role}>{t(`roles.${role}`)}</li>
          ))}
        </ul>
        <p className="muted">
          {t('sentTo')} <bdi dir="ltr">{invitation.maskedContact}</bdi>
        </p>
        <p className="muted">
          {t('expires')} <DateText value={invitation.expiresAt} style="long" />
        </p>
        {accept.isError && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(accept.error))}</Alert>}
        {session?.account ? (
          <div>
            <Button onClick={handleAccept} isLoading={accept.isPending}>
              {t('accept')}
            </Button>
          </div>
        ) : (
          <>
            <p>{t('signInFirst')}</p>
            <div>
              <Link
                to={`/${slug}/sign-in?next=${encodeURIComponent(location.pathname)}`}
                className={buttonClassName({ variant: 'primary' })}
              >
                {t('signIn')}
              </Link>
            </div>
            <p className="muted">{t('noAccount')}</p>
            <div>
              <Link
                to={`/${slug}/sign-up?next=${encodeURIComponent(location.pathname)}`}
                className={buttonClassName({ variant: 'secondary' })}
              >
                {t('signUp')}
              </Link>
            </div>
          </>
        )}
      </section>
    </div>
  );
}
