import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Locale } from '@hamandishi/contracts';
import { Alert, DateText, PageHeader, Spinner, UserText } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { usePageTitle } from '@/app/use-page-title';
import { errorCodeOf } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { pickLocalized } from '@/lib/locale';
import { useLocale } from '@/lib/use-locale';
import { ProjectComments } from './public-comments';
import { STRATEGY_PUBLIC_NS } from './public-i18n';
import { usePublicProject } from './use-accountability';
import './accountability.css';

/** `/:slug/projects/:projectId`: a project of the plan and the demands it answers (public). */
export default function PublicProjectPage() {
  const { slug = '', projectId = '' } = useParams();
  const { t } = useTranslation([STRATEGY_PUBLIC_NS, 'errors']);
  const locale = useLocale();
  const project = usePublicProject(slug, projectId);
  const p = project.data;
  usePageTitle(p ? t('project.title', { code: p.code, title: p.title }) : '');

  if (project.isPending) return <Spinner />;
  if (project.isError || !p) return <Alert variant="danger">{translateErrorCode(t, errorCodeOf(project.error))}</Alert>;
  return (
    <article className="stack">
      <PageHeader title={t('project.title', { code: p.code, title: p.title })} />
      {p.description && <UserText as="p">{p.description}</UserText>}
      <dl className="details-list">
        <dt>{t('project.goal')}</dt>
        <dd>
          <bdi>
            {p.goal.code} {p.goal.title}
          </bdi>
        </dd>
        <dt>{t('project.output')}</dt>
        <dd>
          <bdi>
            {p.output.code} {p.output.title}
          </bdi>
        </dd>
        <dt>{t('project.status')}</dt>
        <dd>{t(`projectStatus.${p.status}`)}</dd>
        <dt>{t('project.progress')}</dt>
        <dd>
          <progress className="accountability__progress" max={100} value={p.progress} aria-label={t('project.progress')} /> {formatNumber(p.progress, locale)}٪
        </dd>
        <dt>{t('project.cost')}</dt>
        <dd>{formatNumber(p.totalCost, locale)}</dd>
        {p.startsOn && p.endsOn && (
          <>
            <dt>{t('project.dates')}</dt>
            <dd>
              <DateText value={p.startsOn} style="long" /> – <DateText value={p.endsOn} style="long" />
            </dd>
          </>
        )}
        <dt>{t('project.districts')}</dt>
        <dd>{p.districts.length ? p.districts.map((d) => pickLocalized(d.name as Record<Locale, string>, locale)).join('، ') : t('project.cityWide')}</dd>
      </dl>
      <section className="stack" aria-labelledby="answers-title">
        <h2 id="answers-title">{t('project.answers')}</h2>
        {p.demandGroups.length === 0 && p.demands.length === 0 && <p className="muted">{t('project.noAnswers')}</p>}
        {p.demandGroups.length > 0 && (
          <>
            <h3>{t('project.groups')}</h3>
            <ul>
              {p.demandGroups.map((g) => (
                <li key={g.id}>
                  <bdi>{g.name ?? '—'}</bdi> · {t('project.demandCount', { count: formatNumber(g.demandCount, locale) })}
                </li>
              ))}
            </ul>
          </>
        )}
        {p.demands.length > 0 && (
          <>
            <h3>{t('project.demands')}</h3>
            <ul>
              {p.demands.map((d) => (
                <li key={d.id}>
                  <UserText>{d.text}</UserText>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <p>
        <Link to={`/${slug}/plans/${p.planId}/accountability`}>{t('project.dashboard')}</Link>
      </p>
      <ProjectComments slug={slug} projectId={p.id} />
    </article>
  );
}
