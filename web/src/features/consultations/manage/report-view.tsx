import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ALIGNMENTS, REPORT_CAPACITIES, type TConsultationReport, type TEditionSummary } from '@hamandishi/contracts';
import { Button, DateText } from '@/components';
import { QueryView } from '@/features/plans/components/query-view';
import { formatNumber } from '@/lib/format';
import { useLocale } from '@/lib/use-locale';
import { reportDownloadUrl, useConsultationReport } from '../api/use-consultations';
import '@/features/comments/comments-i18n';
import { CONSULTATIONS_NS } from '../consultations-i18n';

type Counts = TConsultationReport['totals'];
const ALIGNMENT_COLUMNS = [...ALIGNMENTS, 'none'] as const;

export type ReportViewProps = { slug: string; activityId: string; editions: readonly TEditionSummary[] };

/** The consultation report for planners: counts per section and block, top amendments, unanswered comments; CSV/XLSX and print. */
export function ReportView({ slug, activityId, editions }: ReportViewProps) {
  const { t } = useTranslation(CONSULTATIONS_NS);
  const locale = useLocale();
  const published = editions.filter((e) => e.status === 'published');
  const [edition, setEdition] = useState<number | null>(published.at(-1)?.number ?? null);
  const report = useConsultationReport(slug, activityId, edition);
  return (
    <div className="stack">
      {published.length > 1 && (
        <label className="c-toolbar__switcher">
          <span>{t('reading.editionSwitcher')}</span>{' '}
          <select
            className="field__input"
            value={edition ?? ''}
            onChange={(event) => setEdition(Number(event.target.value))}
          >
            {published.map((e) => (
              <option key={e.id} value={e.number}>
                {t('reading.editionOption', { number: formatNumber(e.number, locale), title: e.title })}
              </option>
            ))}
          </select>
        </label>
      )}
      <QueryView query={report}>{(data) => <Report slug={slug} activityId={activityId} report={data} />}</QueryView>
    </div>
  );
}

function Report({ slug, activityId, report }: { slug: string; activityId: string; report: TConsultationReport }) {
  const { t } = useTranslation([CONSULTATIONS_NS, 'comments']);
  const locale = useLocale();
  const n = (value: number) => formatNumber(value, locale);
  const reading = `/${slug}/consultations/${activityId}?edition=${report.edition.number}`;

  const row = (key: string, label: ReactNode, counts: Counts, isSection = false) => (
    <tr key={key} className={isSection ? 'c-report__section' : undefined}>
      <th scope="row">{label}</th>
      <td>{n(counts.comments)}</td>
      {ALIGNMENT_COLUMNS.map((a) => (
        <td key={a}>{n(counts.byAlignment[a])}</td>
      ))}
      {REPORT_CAPACITIES.map((c) => (
        <td key={c}>{n(counts.byCapacity[c] ?? 0)}</td>
      ))}
      <td>{n(counts.unanswered)}</td>
      <td>{n(counts.incorporated)}</td>
      <td>{n(counts.amendments)}</td>
    </tr>
  );

  return (
    <div className="stack c-report">
      <h2>{t('manage.report.title', { number: n(report.edition.number), title: report.edition.title })}</h2>
      <div className="c-toolbar">
        <a
          className="btn btn--secondary btn--sm"
          href={reportDownloadUrl(slug, activityId, 'csv', report.edition.number)}
          download
        >
          {t('manage.report.csv')}
        </a>
        <a
          className="btn btn--secondary btn--sm"
          href={reportDownloadUrl(slug, activityId, 'xlsx', report.edition.number)}
          download
        >
          {t('manage.report.xlsx')}
        </a>
        <Button size="sm" variant="ghost" onClick={() => window.print()}>
          {t('reading.print')}
        </Button>
      </div>
      <div className="table-wrap">
        <table className="table c-report__table">
          <caption className="visually-hidden">{t('manage.report.countsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('manage.report.part')}</th>
              <th scope="col">{t('manage.report.comments')}</th>
              {ALIGNMENT_COLUMNS.map((a) => (
                <th key={a} scope="col">
                  {t(`comments:alignment.${a}`)}
                </th>
              ))}
              {REPORT_CAPACITIES.map((c) => (
                <th key={c} scope="col">
                  {t(`manage.report.capacities.${c}`)}
                </th>
              ))}
              <th scope="col">{t('manage.report.unanswered')}</th>
              <th scope="col">{t('manage.report.incorporated')}</th>
              <th scope="col">{t('manage.report.amendments')}</th>
            </tr>
          </thead>
          <tbody>
            {row('totals', t('manage.report.totals'), report.totals, true)}
            {row('document', t('manage.report.document'), report.document)}
            {report.sections.flatMap((section) => [
              row(`s-${section.anchor}`, section.heading ?? t('reading.introSection'), section.counts, true),
              ...section.blocks.map((block) =>
                row(block.id, <Link to={`${reading}#p-${block.anchor}`}>{block.excerpt}</Link>, block.counts),
              ),
            ])}
          </tbody>
        </table>
      </div>

      <section className="stack" aria-labelledby="c-top-amendments">
        <h3 id="c-top-amendments">{t('manage.report.topAmendments')}</h3>
        {report.topAmendments.length === 0 ? (
          <p className="muted">{t('amendments.empty')}</p>
        ) : (
          <ol className="stack">
            {report.topAmendments.map((a) => (
              <li key={a.id}>
                <Link to={`${reading}#p-${a.blockAnchor}`}>{a.excerpt}</Link>
                <p>{a.proposedText}</p>
                <p className="muted">
                  {t('amendments.support', { number: n(a.supportCount) })} · {t(`amendments.statuses.${a.status}`)}
                </p>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="stack" aria-labelledby="c-unanswered">
        <h3 id="c-unanswered">{t('manage.report.unansweredTitle', { number: n(report.unansweredComments.length) })}</h3>
        {report.unansweredComments.length === 0 ? (
          <p className="muted">{t('manage.report.allAnswered')}</p>
        ) : (
          <ul className="c-plain-list stack">
            {report.unansweredComments.map((c) => (
              <li key={c.commentId} className="card">
                <p>
                  {c.blockAnchor ? (
                    <Link to={`${reading}#p-${c.blockAnchor}`}>{c.excerpt}</Link>
                  ) : (
                    <span>{t('manage.report.document')}</span>
                  )}
                </p>
                <p className="c-prewrap">{c.body}</p>
                <p className="muted">
                  {t(`manage.report.capacities.${c.capacity}`)}
                  {c.alignment && ` · ${t(`comments:alignment.${c.alignment}`)}`} · <DateText value={c.createdAt} />
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
