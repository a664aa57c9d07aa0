import '../thinktank.css';
import { useEffect, useRef } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TMyThinktankInvitation } from '@hamandishi/contracts';
import { Alert, Button, buttonClassName, PageHeader, UserText } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { usePageTitle } from '@/app/use-page-title';
import { useAccount } from '@/features/identity/api/use-session';
import { QueryView } from '@/features/plans/components/query-view';
import { useCurrentOrganization } from '@/features/organizations/pages/organization-layout';
import { errorCodeOf } from '@/lib/errors';
import { formatDateTime, formatNumber } from '@/lib/format';
import { pickLocalized } from '@/lib/locale';
import { useLocale } from '@/lib/use-locale';
import { THINKTANK_NS } from '../thinktank-i18n';
import { usePublicSession, useRsvp, useRsvpPreview, useSelfAttendance } from '../use-thinktank';

/**
 * `/:slug/sessions/:sessionId`: a session's public page (details, published minutes, decisions);
 * `?rsvp=<token>` answers a personal invitation without signing in; `?checkin=<token>` is where
 * the door's QR code lands (sign in, then check in).
 */
export default function SessionPage() {
  const { sessionId = '' } = useParams();
  const { slug } = useCurrentOrganization();
  const session = usePublicSession(slug, sessionId);
  return <QueryView query={session}>{(data) => <Session slug={slug} sessionId={sessionId} data={data} />}</QueryView>;
}

function Session({ slug, sessionId, data }: { slug: string; sessionId: string; data: NonNullable<ReturnType<typeof usePublicSession>['data']> }) {
  const { t } = useTranslation([THINKTANK_NS, 'errors']);
  const locale = useLocale();
  usePageTitle(data.topic);
  const [params] = useSearchParams();
  const rsvpToken = params.get('rsvp');
  const checkinToken = params.get('checkin');
  return (
    <article className="stack thinktank">
      <PageHeader title={data.topic} />
      <p className="muted">
        <Link to={`/${slug}/plans/${data.planId}`}>{pickLocalized(data.planTitle, locale)}</Link> · {pickLocalized(data.stageTitle, locale)}
        {data.committeeName && ` · ${pickLocalized(data.committeeName, locale)}`}
      </p>
      {data.myRole === 'facilitator' && (
        <p>
          <Link to={`/${slug}/manage/plans/${data.planId}/sessions/${data.id}`}>{t('public.run')}</Link>
        </p>
      )}
      {checkinToken && <CheckIn slug={slug} sessionId={sessionId} token={checkinToken} isCheckedIn={!!data.myAttendance} />}
      {rsvpToken ? <RsvpByLink slug={slug} sessionId={sessionId} token={rsvpToken} /> : data.myInvitation && <Rsvp slug={slug} sessionId={sessionId} invitation={data.myInvitation} token={null} />}
      <section className="card stack" aria-labelledby="session-when">
        <h2 id="session-when">{t('public.when')}</h2>
        <p>
          {formatDateTime(data.startsAt, locale)} – {formatDateTime(data.endsAt, locale)} · {t(`status.${data.status}`)}
        </p>
        {data.place && <p>{t('public.place', { place: data.place })}</p>}
        {data.onlineUrl && (
          <p>
            <a href={data.onlineUrl} rel="noopener noreferrer" target="_blank" dir="ltr">
              {t('public.onlineLink')}
            </a>
          </p>
        )}
        {data.facilitatorName && <p>{t('public.facilitator', { name: data.facilitatorName })}</p>}
        {data.capacity && <p>{t('public.capacity', { capacity: formatNumber(data.capacity, locale) })}</p>}
        {data.agenda && (
          <>
            <h3>{t('public.agenda')}</h3>
            <UserText as="p" className="thinktank-agenda">
              {data.agenda}
            </UserText>
          </>
        )}
      </section>
      {data.myAttendance && (
        <Alert variant="success">
          {t('public.checkedIn', { time: formatDateTime(data.myAttendance.checkedInAt, locale) })}
          {data.myAttendance.checkedOutAt && ` ${t('public.checkedOut', { time: formatDateTime(data.myAttendance.checkedOutAt, locale) })}`}
        </Alert>
      )}
      {data.minutesHtml && (
        <section className="card stack" aria-labelledby="session-minutes">
          <h2 id="session-minutes">{t('public.minutes')}</h2>
          {/* Rendered on the server by renderSafeMarkdown: all HTML escaped first. */}
          <div className="prose" dangerouslySetInnerHTML={{ __html: data.minutesHtml }} />
          {data.outputs.length > 0 && (
            <>
              <h3>{t('public.outputs')}</h3>
              <ul>
                {data.outputs.map((o) => (
                  <li key={o.id}>
                    <strong>{t(`outputs.kinds.${o.kind}`)}:</strong> <bdi>{o.body}</bdi>
                    {o.theme && ` · ${pickLocalized(o.theme.name, locale)}`}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
    </article>
  );
}

function RsvpByLink({ slug, sessionId, token }: { slug: string; sessionId: string; token: string }) {
  const { t } = useTranslation([THINKTANK_NS, 'errors']);
  const preview = useRsvpPreview(token);
  if (preview.isError) return <Alert variant="danger">{translateErrorCode(t, errorCodeOf(preview.error))}</Alert>;
  if (!preview.data) return null;
  return <Rsvp slug={slug} sessionId={sessionId} invitation={preview.data.invitation} token={token} />;
}

function Rsvp({ slug, sessionId, invitation, token }: { slug: string; sessionId: string; invitation: TMyThinktankInvitation; token: string | null }) {
  const { t } = useTranslation([THINKTANK_NS, 'errors']);
  const locale = useLocale();
  const rsvp = useRsvp(slug, sessionId, token);
  const current = rsvp.data ?? invitation;
  return (
    <section className="card stack" aria-labelledby="session-rsvp">
      <h2 id="session-rsvp">{t('public.rsvpTitle')}</h2>
      <p data-testid="rsvp-state" role="status">
        {t(`public.rsvpState.${current.rsvp}`, { position: current.waitingPosition ? formatNumber(current.waitingPosition, locale) : '' })}
      </p>
      {rsvp.isError && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(rsvp.error))}</Alert>}
      <div className="thinktank-actions">
        <Button onClick={() => rsvp.mutate('yes')} isLoading={rsvp.isPending && rsvp.variables === 'yes'} disabled={current.rsvp === 'yes'}>
          {t('public.yes')}
        </Button>
        <Button variant="secondary" onClick={() => rsvp.mutate('no')} isLoading={rsvp.isPending && rsvp.variables === 'no'} disabled={current.rsvp === 'no'}>
          {t('public.no')}
        </Button>
      </div>
    </section>
  );
}

function CheckIn({ slug, sessionId, token, isCheckedIn }: { slug: string; sessionId: string; token: string; isCheckedIn: boolean }) {
  const { t } = useTranslation([THINKTANK_NS, 'errors']);
  const { account } = useAccount();
  const location = useLocation();
  const attendance = useSelfAttendance(slug, sessionId);
  const tried = useRef(false);
  // Scanning the door's code is the intent: a signed-in person is checked in at once (twice changes nothing).
  useEffect(() => {
    if (account && !isCheckedIn && !tried.current) {
      tried.current = true;
      attendance.mutate({ kind: 'check-in', token });
    }
  }, [account, isCheckedIn, token, attendance]);
  if (account === undefined) return null;
  if (!account) {
    const next = encodeURIComponent(`${location.pathname}${location.search}`);
    return (
      <section className="card stack" aria-labelledby="session-checkin">
        <h2 id="session-checkin">{t('public.checkInTitle')}</h2>
        <p>{t('public.signInToCheckIn')}</p>
        <div>
          <Link className={buttonClassName({ variant: 'primary' })} to={`/${slug}/sign-in?next=${next}`}>
            {t('public.signIn')}
          </Link>
        </div>
      </section>
    );
  }
  if (attendance.isError) return <Alert variant="danger">{translateErrorCode(t, errorCodeOf(attendance.error))}</Alert>;
  return null;
}
