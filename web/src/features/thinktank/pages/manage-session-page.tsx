import '../thinktank.css';
import { useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ROLES, ZContact, type TPlan, type TThinktankSession } from '@hamandishi/contracts';
import { renderSafeMarkdown } from '@hamandishi/text';
import { Alert, Button, PageHeader, TextField, useToast } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { usePageTitle } from '@/app/use-page-title';
import { usePlan } from '@/features/plans/api/use-plans';
import { QueryView } from '@/features/plans/components/query-view';
import { RequireRole } from '@/features/identity/components/require-role';
import { useOrganizationRoles } from '@/features/identity/api/use-organization-roles';
import { useCurrentOrganization } from '@/features/organizations/pages/organization-layout';
import { errorCodeOf } from '@/lib/errors';
import { formatDateTime, formatNumber } from '@/lib/format';
import { pickLocalized } from '@/lib/locale';
import { useLocale } from '@/lib/use-locale';
import { PersonPicker } from '../person-picker';
import { SessionForm } from '../session-form';
import { THINKTANK_NS } from '../thinktank-i18n';
import {
  useAttendance,
  useChangeOutputs,
  useInvitations,
  useInvite,
  useMinutes,
  useOutputs,
  useQr,
  useSaveMinutes,
  useSession,
  useStakeholders,
  useTickAttendance,
  useUpdateSession,
} from '../use-thinktank';

/**
 * `/:slug/manage/plans/:planId/sessions/:sessionId`: one session's details, invitations,
 * attendance, door QR, minutes and outputs. Planners see everything; the session's facilitator
 * (any member the planner named) runs attendance, the QR code, minutes and outputs; the API
 * refuses anyone else.
 */
export default function ManageSessionPage() {
  return (
    <RequireRole roles={ROLES}>
      <Loader />
    </RequireRole>
  );
}

function Loader() {
  const { planId = '', sessionId = '' } = useParams();
  const organization = useCurrentOrganization();
  const plan = usePlan(organization.slug, planId);
  const session = useSession(organization.slug, sessionId);
  return (
    <QueryView query={plan}>
      {(planData) => <QueryView query={session}>{(data) => <ManageSession slug={organization.slug} plan={planData} session={data} />}</QueryView>}
    </QueryView>
  );
}

function ManageSession({ slug, plan, session }: { slug: string; plan: TPlan; session: TThinktankSession }) {
  const { t } = useTranslation([THINKTANK_NS, 'common', 'errors']);
  const locale = useLocale();
  const toast = useToast();
  const update = useUpdateSession(slug, session.id);
  usePageTitle(session.topic);
  const { isPlanner } = useOrganizationRoles(slug);
  const isOpen = session.status === 'scheduled' || session.status === 'in_progress';

  return (
    <div className="stack manage thinktank">
      {isPlanner && (
        <p>
          <Link to={`/${slug}/manage/plans/${plan.id}/sessions`}>{t('session.backToList')}</Link>
        </p>
      )}
      <PageHeader title={session.topic} actions={<Link to={`/${slug}/sessions/${session.id}`}>{t('session.viewPublic')}</Link>} />
      <section className="card stack" aria-labelledby="session-details">
        <h2 id="session-details">{t('session.details')}</h2>
        <p>
          {formatDateTime(session.startsAt, locale)} – {formatDateTime(session.endsAt, locale)} · {t(`status.${session.status}`)}
        </p>
        <p>{t('session.personHours', { hours: formatNumber(session.personHours, locale) })}</p>
        {isPlanner && (
          <details className="disclosure">
            <summary>{t('session.edit')}</summary>
            <SessionForm
              slug={slug}
              plan={plan}
              session={session}
              submitLabel={t('common:actions.save')}
              onSubmit={async (values) => {
                await update.mutateAsync(values);
                toast.show({ title: t('common:toast.saved'), variant: 'success' });
              }}
            />
          </details>
        )}
        {isPlanner && isOpen && (
          <div className="thinktank-actions">
            <Button variant="secondary" onClick={() => update.mutate({ status: 'closed' })}>
              {t('session.close')}
            </Button>
            <Button variant="danger" onClick={() => update.mutate({ status: 'cancelled' })}>
              {t('session.cancel')}
            </Button>
          </div>
        )}
        {update.isError && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(update.error))}</Alert>}
      </section>
      {isPlanner && <InvitationsSection slug={slug} session={session} />}
      <AttendanceSection slug={slug} session={session} />
      <QrSection slug={slug} sessionId={session.id} />
      <MinutesSection slug={slug} sessionId={session.id} />
      <OutputsSection slug={slug} sessionId={session.id} />
    </div>
  );
}

function InvitationsSection({ slug, session }: { slug: string; session: TThinktankSession }) {
  const { t } = useTranslation([THINKTANK_NS, 'errors']);
  const uid = useId();
  const toast = useToast();
  const invitations = useInvitations(slug, session.id);
  const invite = useInvite(slug, session.id);
  const [people, setPeople] = useState<{ id: string; displayName: string }[]>([]);
  const [stakeholders, setStakeholders] = useState<{ id: string; name: string }[]>([]);
  const [stakeholderQuery, setStakeholderQuery] = useState('');
  const found = useStakeholders(slug, stakeholderQuery);
  const [warnings, setWarnings] = useState<string[]>([]);
  const [contacts, setContacts] = useState('');
  const [contactError, setContactError] = useState<string | null>(null);

  const handleInvite = async () => {
    const lines = contacts.split(/[\n,،]+/).map((l) => l.trim()).filter(Boolean);
    const parsed = lines.map((line) => ZContact.safeParse(line));
    if (parsed.some((p) => !p.success)) {
      setContactError(t('invitations.badContact'));
      return;
    }
    setContactError(null);
    const result = await invite.mutateAsync({
      accountIds: people.map((p) => p.id),
      stakeholderIds: stakeholders.map((s) => s.id),
      contacts: lines.map((contact) => ({ contact })),
    });
    setWarnings([
      ...(result.stakeholdersWithoutAccount.length ? [t('invitations.withoutAccount')] : []),
      ...(result.unreachableAccounts.length ? [t('invitations.unreachable')] : []),
    ]);
    setPeople([]);
    setStakeholders([]);
    setContacts('');
    void invitations.refetch();
    toast.show({ title: t('invitations.sent', { count: result.invited }), variant: 'success' });
  };

  return (
    <section className="card stack" aria-labelledby="session-invitations">
      <h2 id="session-invitations">{t('invitations.title')}</h2>
      <PersonPicker
        slug={slug}
        label={t('invitations.findPerson')}
        value={null}
        onChange={(person) => person && setPeople((list) => (list.some((p) => p.id === person.id) ? list : [...list, person]))}
      />
      {people.length > 0 && (
        <ul className="thinktank-chosen" aria-label={t('invitations.chosen')}>
          {people.map((p) => (
            <li key={p.id}>
              <bdi>{p.displayName}</bdi>{' '}
              <Button type="button" variant="ghost" size="sm" onClick={() => setPeople((list) => list.filter((x) => x.id !== p.id))}>
                {t('invitations.remove', { name: p.displayName })}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <TextField
        label={t('invitations.findStakeholder')}
        hint={t('invitations.stakeholderHint')}
        value={stakeholderQuery}
        onChange={(e) => setStakeholderQuery(e.target.value)}
      />
      {found.data && found.data.length > 0 && (
        <ul className="thinktank-people" aria-label={t('invitations.findStakeholder')}>
          {found.data.map((s) => (
            <li key={s.id}>
              <Button
                type="button"
                variant="secondary"
                size="sm"
                disabled={s.linkedAccounts === 0}
                onClick={() => setStakeholders((list) => (list.some((x) => x.id === s.id) ? list : [...list, { id: s.id, name: s.name }]))}
              >
                {t('people.pick', { name: s.name })} · {t(`kinds.${s.kind}`)} ·{' '}
                {s.linkedAccounts === 0 ? t('invitations.noLinked') : t('invitations.linked', { count: s.linkedAccounts })}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {stakeholders.length > 0 && (
        <ul className="thinktank-chosen" aria-label={t('invitations.chosen')}>
          {stakeholders.map((s) => (
            <li key={s.id}>
              <bdi>{s.name}</bdi>{' '}
              <Button type="button" variant="ghost" size="sm" onClick={() => setStakeholders((list) => list.filter((x) => x.id !== s.id))}>
                {t('invitations.remove', { name: s.name })}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <div className="field">
        <label className="field__label" htmlFor={`${uid}-contacts`}>
          {t('invitations.contacts')}
        </label>
        <textarea id={`${uid}-contacts`} className="field__input field__input--ltr" dir="ltr" rows={3} value={contacts} onChange={(e) => setContacts(e.target.value)} />
        <p className="field__hint">{t('invitations.contactsHint')}</p>
        {contactError && <p className="field__error">{contactError}</p>}
      </div>
      {invite.isError && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(invite.error))}</Alert>}
      {warnings.map((w) => (
        <Alert key={w} variant="info">
          {w}
        </Alert>
      ))}
      <div>
        <Button
          onClick={() => void handleInvite().catch(() => undefined)}
          isLoading={invite.isPending}
          disabled={people.length === 0 && stakeholders.length === 0 && !contacts.trim()}
        >
          {t('invitations.send')}
        </Button>
      </div>
      {invitations.data && invitations.data.length > 0 && (
        <ul className="thinktank-list" aria-label={t('invitations.list')}>
          {invitations.data.map((i) => (
            <li key={i.id} data-testid="invitation-row">
              <bdi>{i.account?.displayName ?? i.contact}</bdi>
              {i.stakeholder && (
                <>
                  {' · '}
                  <bdi>{i.stakeholder.name}</bdi>
                </>
              )}{' '}
              — {t(`rsvp.${i.rsvp}`)}
              {i.waitingPosition !== null && ` (${t('rsvp.position', { position: i.waitingPosition })})`}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function AttendanceSection({ slug, session }: { slug: string; session: TThinktankSession }) {
  const { t } = useTranslation([THINKTANK_NS, 'errors']);
  const locale = useLocale();
  const attendance = useAttendance(slug, session.id);
  const tick = useTickAttendance(slug, session.id);
  return (
    <section className="card stack" aria-labelledby="session-attendance">
      <h2 id="session-attendance">{t('attendance.title')}</h2>
      {tick.isError && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(tick.error))}</Alert>}
      {attendance.data && (
        <>
          <p data-testid="attendance-person-hours">{t('attendance.total', { hours: formatNumber(attendance.data.personHours, locale) })}</p>
          {attendance.data.attendees.length === 0 && <p className="muted">{t('attendance.empty')}</p>}
          <ul className="thinktank-list">
            {attendance.data.attendees.map((a) => (
              <li key={a.account.id} data-testid="attendee-row" className="thinktank-attendee">
                <span>
                  <bdi>{a.account.displayName}</bdi>
                  {a.rsvp && ` — ${t(`rsvp.${a.rsvp}`)}`}
                  {a.checkedInAt && ` · ${t('attendance.in', { time: formatDateTime(a.checkedInAt, locale) })}`}
                  {a.checkedOutAt && ` · ${t('attendance.out', { time: formatDateTime(a.checkedOutAt, locale) })}`}
                  {a.checkedInAt && ` · ${t('attendance.minutes', { minutes: formatNumber(a.minutes, locale) })}`}
                </span>
                {!a.checkedInAt && (
                  <Button size="sm" onClick={() => tick.mutate({ accountId: a.account.id, action: 'check-in' })}>
                    {t('attendance.checkIn', { name: a.account.displayName })}
                  </Button>
                )}
                {a.checkedInAt && !a.checkedOutAt && (
                  <Button size="sm" variant="secondary" onClick={() => tick.mutate({ accountId: a.account.id, action: 'check-out' })}>
                    {t('attendance.checkOut', { name: a.account.displayName })}
                  </Button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function QrSection({ slug, sessionId }: { slug: string; sessionId: string }) {
  const { t } = useTranslation(THINKTANK_NS);
  const [isShown, setIsShown] = useState(false);
  const qr = useQr(slug, sessionId, isShown);
  return (
    <section className="card stack" aria-labelledby="session-qr">
      <h2 id="session-qr">{t('qr.title')}</h2>
      <p className="muted">{t('qr.intro')}</p>
      {!isShown && (
        <div>
          <Button variant="secondary" onClick={() => setIsShown(true)}>
            {t('qr.show')}
          </Button>
        </div>
      )}
      {qr.data && (
        // The SVG is made by the qrcode package on our server from our own link: no user text inside.
        <div className="thinktank-qr" role="img" aria-label={t('qr.alt')} dangerouslySetInnerHTML={{ __html: qr.data.svg }} />
      )}
    </section>
  );
}

function MinutesSection({ slug, sessionId }: { slug: string; sessionId: string }) {
  const { t } = useTranslation([THINKTANK_NS, 'errors']);
  const uid = useId();
  const toast = useToast();
  const minutes = useMinutes(slug, sessionId);
  const save = useSaveMinutes(slug, sessionId);
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? minutes.data?.minutes ?? '';
  return (
    <section className="card stack" aria-labelledby="session-minutes">
      <h2 id="session-minutes">{t('minutes.title')}</h2>
      <div className="field">
        <label className="field__label" htmlFor={`${uid}-minutes`}>
          {t('minutes.label')}
        </label>
        <textarea id={`${uid}-minutes`} className="field__input" rows={8} value={text} onChange={(e) => setDraft(e.target.value)} />
        <p className="field__hint">{t('minutes.hint')}</p>
      </div>
      {save.isError && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(save.error))}</Alert>}
      <div className="thinktank-actions">
        <Button
          onClick={() =>
            save.mutate({ kind: 'save', minutes: text }, { onSuccess: () => (setDraft(null), toast.show({ title: t('minutes.saved'), variant: 'success' })) })
          }
          isLoading={save.isPending}
        >
          {t('minutes.save')}
        </Button>
        {minutes.data?.publishedAt ? (
          <Button variant="secondary" onClick={() => save.mutate({ kind: 'withdraw' })}>
            {t('minutes.withdraw')}
          </Button>
        ) : (
          <Button variant="secondary" onClick={() => save.mutate({ kind: 'publish' }, { onSuccess: () => toast.show({ title: t('minutes.published'), variant: 'success' }) })}>
            {t('minutes.publish')}
          </Button>
        )}
      </div>
      {minutes.data?.publishedAt && <p className="muted">{t('minutes.isPublished')}</p>}
      {text.trim() && (
        <div className="stack">
          <h3>{t('minutes.preview')}</h3>
          {/* renderSafeMarkdown escapes all HTML first; only its own tags come out. */}
          <div className="prose" dangerouslySetInnerHTML={{ __html: renderSafeMarkdown(text) }} />
        </div>
      )}
    </section>
  );
}

function OutputsSection({ slug, sessionId }: { slug: string; sessionId: string }) {
  const { t } = useTranslation([THINKTANK_NS, 'errors']);
  const uid = useId();
  const locale = useLocale();
  const organization = useCurrentOrganization();
  const outputs = useOutputs(slug, sessionId);
  const change = useChangeOutputs(slug, sessionId);
  const [kind, setKind] = useState<'decision' | 'output'>('decision');
  const [body, setBody] = useState('');
  const [themeId, setThemeId] = useState('');
  return (
    <section className="card stack" aria-labelledby="session-outputs">
      <h2 id="session-outputs">{t('outputs.title')}</h2>
      {outputs.data && outputs.data.length > 0 && (
        <ul className="thinktank-list">
          {outputs.data.map((o) => (
            <li key={o.id}>
              <strong>{t(`outputs.kinds.${o.kind}`)}:</strong> <bdi>{o.body}</bdi>
              {o.theme && ` · ${pickLocalized(o.theme.name, locale)}`}{' '}
              <Button size="sm" variant="ghost" onClick={() => change.mutate({ remove: o.id })}>
                {t('outputs.remove')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <div className="field-row">
        <div className="field">
          <label className="field__label" htmlFor={`${uid}-kind`}>
            {t('outputs.kind')}
          </label>
          <select id={`${uid}-kind`} className="field__input" value={kind} onChange={(e) => setKind(e.target.value as 'decision' | 'output')}>
            <option value="decision">{t('outputs.kinds.decision')}</option>
            <option value="output">{t('outputs.kinds.output')}</option>
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${uid}-theme`}>
            {t('outputs.theme')}
          </label>
          <select id={`${uid}-theme`} className="field__input" value={themeId} onChange={(e) => setThemeId(e.target.value)}>
            <option value="">{t('outputs.noTheme')}</option>
            {organization.themes.map((theme) => (
              <option key={theme.id} value={theme.id}>
                {pickLocalized(theme.name, locale)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <TextField label={t('outputs.body')} value={body} onChange={(e) => setBody(e.target.value)} />
      {change.isError && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(change.error))}</Alert>}
      <div>
        <Button
          disabled={body.trim().length < 2}
          onClick={() => change.mutate({ add: { kind, body, themeId: themeId || null } }, { onSuccess: () => setBody('') })}
        >
          {t('outputs.add')}
        </Button>
      </div>
    </section>
  );
}
