import '../consultations.css';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TConsultation } from '@hamandishi/contracts';
import { QueryView } from '@/features/plans/components/query-view';
import { formatNumber } from '@/lib/format';
import { pickLocalized } from '@/lib/locale';
import { useLocale } from '@/lib/use-locale';
import { useConsultation, useEditionDiff } from '../api/use-consultations';
import { DiffView } from '../components/diff-view';
import { CONSULTATIONS_NS } from '../consultations-i18n';
import { editionParam } from './consultation-page';
import { usePageTitle } from '@/app/use-page-title';

/** `/:slug/consultations/:activityId/diff?from=1&to=2`: what changed between two editions. */
export default function DiffPage() {
  const { slug = '', activityId = '' } = useParams();
  const consultation = useConsultation(slug, activityId, null);
  const { t } = useTranslation(CONSULTATIONS_NS);
  const locale = useLocale();
  usePageTitle(
    consultation.data && t('diff.title', { title: pickLocalized(consultation.data.activity.title, locale) }),
  );
  return <QueryView query={consultation}>{(data) => <DiffScreen slug={slug} consultation={data} />}</QueryView>;
}

function DiffScreen({ slug, consultation }: { slug: string; consultation: TConsultation }) {
  const { t } = useTranslation(CONSULTATIONS_NS);
  const locale = useLocale();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const published = consultation.editions.filter((e) => e.status === 'published');
  const to = editionParam(search.get('to')) ?? published.at(-1)?.number ?? 0;
  const from = editionParam(search.get('from')) ?? published.filter((e) => e.number < to).at(-1)?.number ?? 0;
  const diff = useEditionDiff(slug, consultation.activity.id, from, to);
  const base = `/${slug}/consultations/${consultation.activity.id}`;
  const choose = (which: 'from' | 'to', value: string) => {
    const next = { from, to, [which]: Number(value) };
    void navigate(`${base}/diff?from=${next.from}&to=${next.to}`);
  };

  return (
    <article className="stack c-reading__main">
      <p>
        <Link to={`${base}?edition=${to}`}>{t('diff.back')}</Link>
      </p>
      <h1>{t('diff.title', { title: pickLocalized(consultation.activity.title, locale) })}</h1>
      <div className="c-toolbar">
        {(['from', 'to'] as const).map((which) => (
          <label key={which} className="c-toolbar__switcher">
            <span>{t(`diff.${which}`)}</span>{' '}
            <select
              className="field__input"
              value={which === 'from' ? from : to}
              onChange={(event) => choose(which, event.target.value)}
            >
              {published.map((e) => (
                <option key={e.id} value={e.number}>
                  {t('reading.editionOption', { number: formatNumber(e.number, locale), title: e.title })}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      {from > 0 && to > 0 && from !== to ? (
        <QueryView query={diff}>{(data) => <DiffView diff={data} readingPath={base} />}</QueryView>
      ) : (
        <p className="muted">{t('diff.needTwo')}</p>
      )}
    </article>
  );
}
