import '../problems.css';
import { lazy, Suspense } from 'react';
import { Link, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TProblem } from '@hamandishi/contracts';
import { Alert, DateText, Spinner, UserText } from '@/components';
import { useCurrentOrganization } from '@/features/organizations/pages/organization-layout';
import { usePlan } from '@/features/plans/api/use-plans';
import { QueryView } from '@/features/plans/components/query-view';
import { CommentThread } from '@/features/comments/components/comment-thread';
import { formatNumber } from '@/lib/format';
import { pickLocalized } from '@/lib/locale';
import { useSocketEffect } from '@/lib/realtime';
import { useLocale } from '@/lib/use-locale';
import { problemKeys, useProblem } from '../api/use-problems';
import { nameOf, ProblemStatusBadge } from '../components/problem-bits';
import { ChangeStatusForm, ModerateProblemForm } from '../components/problem-staff-forms';
import { SupportButton } from '../components/support-button';
import { useOrganizationRoles } from '@/features/identity/api/use-organization-roles';
import { PROBLEMS_NS } from '../problems-i18n';
import { usePageTitle } from '@/app/use-page-title';

const StaticMap = lazy(() => import('../components/static-map'));
// "What the plan does about this" (strategy traceability): its own small chunk and catalog.
const PlanResponse = lazy(() => import('@/features/strategy/public/plan-response'));

/** `/:slug/problems/:problemId`: the permalink of one problem, its support, history and discussion. */
export default function ProblemPage() {
  const { problemId = '' } = useParams();
  const organization = useCurrentOrganization();
  const problem = useProblem(organization.slug, problemId);
  usePageTitle(problem.data?.title);
  const queryClient = useQueryClient();

  // Status, merge and hide changes made by staff reach every open page.
  useSocketEffect(
    Boolean(problemId),
    (socket) => {
      const handleUpdated = (payload: { problemId: string }) => {
        if (payload.problemId === problemId) void queryClient.invalidateQueries({ queryKey: problemKeys.detail(organization.slug, problemId) });
      };
      socket.on('problem.updated', handleUpdated);
      return () => socket.off('problem.updated', handleUpdated);
    },
    [problemId, organization.slug],
  );

  return <QueryView query={problem}>{(data) => <ProblemView problem={data} />}</QueryView>;
}

function ProblemView({ problem }: { problem: TProblem }) {
  const { t } = useTranslation(PROBLEMS_NS);
  const locale = useLocale();
  const organization = useCurrentOrganization();
  const slug = organization.slug;
  const roles = useOrganizationRoles(slug);
  const plan = usePlan(slug, problem.planId);
  const committees = plan.data?.committees ?? [];
  const committeeName = (id: string | null) => {
    const committee = id ? committees.find((c) => c.id === id) : undefined;
    return committee ? pickLocalized(committee.name, locale) : '';
  };

  return (
    <article className="stack problem-page">
      <p>
        <Link to={`/${slug}/problems`}>{t('page.backToMap')}</Link>
      </p>
      <header className="problem-page__header">
        <h1>
          <UserText>{problem.title}</UserText>
        </h1>
        <div className="problem-page__meta">
          <ProblemStatusBadge status={problem.status} />
          <SupportButton
            slug={slug}
            problemId={problem.id}
            supportCount={problem.supportCount}
            isSupported={problem.isSupported}
            canSupport={problem.canSupport}
            cannotSupportReason={problem.cannotSupportReason}
            isLive
          />
        </div>
      </header>

      {problem.isHidden && <Alert variant="info">{t('page.hidden')}</Alert>}
      {problem.mergedIntoId && (
        <Alert variant="info">
          <p>{t('page.merged')}</p>
          <Link to={`/${slug}/problems/${problem.mergedIntoId}`}>{t('page.mergedLink')}</Link>
        </Alert>
      )}

      <dl className="details-list">
        <dt>{t('page.author')}</dt>
        <dd>
          {problem.author ? <UserText>{problem.author.displayName}</UserText> : t('page.anonymous')}
          {problem.onBehalfOf && ` · ${t('page.onBehalfOf', { name: problem.onBehalfOf })}`}
        </dd>
        <dt>{t('page.capacity')}</dt>
        <dd>{t(`capacities.${problem.capacity}`)}</dd>
        <dt>{t('page.theme')}</dt>
        <dd>{nameOf(organization.themes, problem.themeId, locale)}</dd>
        {problem.districtId && (
          <>
            <dt>{t('page.district')}</dt>
            <dd>{nameOf(organization.districts, problem.districtId, locale)}</dd>
          </>
        )}
        {problem.committeeId && (
          <>
            <dt>{t('page.committee')}</dt>
            <dd>{committeeName(problem.committeeId)}</dd>
          </>
        )}
        <dt>{t('page.createdAt')}</dt>
        <dd>
          <DateText value={problem.createdAt} style="long" />
        </dd>
      </dl>

      <section aria-labelledby="description-title">
        <h2 id="description-title">{t('page.description')}</h2>
        <UserText as="p" className="user-text--lines">
          {problem.description}
        </UserText>
      </section>

      <Suspense fallback={null}>
        <PlanResponse slug={slug} problemId={problem.id} />
      </Suspense>

      {problem.photos.length > 0 && (
        <section aria-labelledby="photos-title">
          <h2 id="photos-title">{t('page.photos')}</h2>
          <ul className="photo-grid">
            {problem.photos.map((photo, index) => (
              <li key={photo.id} className="photo-grid__item">
                <a href={photo.url} target="_blank" rel="noreferrer">
                  <img className="photo-grid__thumb" src={photo.thumbUrl} alt={t('page.photo', { number: formatNumber(index + 1, locale) })} loading="lazy" />
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}

      {problem.location && (
        <section aria-labelledby="location-title">
          <h2 id="location-title">{t('page.location')}</h2>
          <Suspense
            fallback={
              <div className="map-placeholder map-placeholder--small">
                <Spinner />
              </div>
            }
          >
            <StaticMap organization={organization} point={problem.location} />
          </Suspense>
        </section>
      )}

      {problem.statusHistory.length > 0 && (
        <section aria-labelledby="history-title">
          <h2 id="history-title">{t('page.history')}</h2>
          <ol className="status-history">
            {problem.statusHistory.map((change, index) => (
              <li key={`${change.changedAt}:${index}`}>
                <DateText value={change.changedAt} /> · <ProblemStatusBadge status={change.to} />
                {change.committeeId && committeeName(change.committeeId) && ` · ${t('page.committee')}: ${committeeName(change.committeeId)}`}
                {change.reason && <p className="muted">{`${t('page.reason')}: ${change.reason}`}</p>}
              </li>
            ))}
          </ol>
        </section>
      )}

      {roles.isPlanner && <ChangeStatusForm slug={slug} problem={problem} committees={committees} />}
      {roles.isModerator && <ModerateProblemForm slug={slug} problem={problem} />}

      <CommentThread slug={slug} targetType="problem" targetId={problem.id} />
    </article>
  );
}
