import { useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  ALIGNMENTS,
  REPORT_CAPACITIES,
  type Locale,
  type TConsultationReport,
  type TEditionSummary,
} from '@hamandishi/contracts';
import { Alert, Button, DateText, TableScroll, TextField, useToast } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { QueryView } from '@/features/plans/components/query-view';
import { errorCodeOf } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { useLocale } from '@/lib/use-locale';
import {
  reportDownloadUrl,
  useCommentSearch,
  useConsultationReport,
  useSectionCommittee,
} from '../api/use-consultations';
import '@/features/comments/comments-i18n';
import { CONSULTATIONS_NS } from '../consultations-i18n';

type Counts = TConsultationReport['totals'];
type Committee = NonNullable<TConsultationReport['sections'][number]['committee']>;
const ALIGNMENT_COLUMNS = [...ALIGNMENTS, 'none'] as const;

export type ReportViewProps = { slug: string; activityId: string; editions: readonly TEditionSummary[] };

/** The consultation report for planners: counts per section and block, top amendments, unanswered comments; CSV/XLSX and print. */
export function ReportView({ slug, activityId, editions }: ReportViewProps) {
  const { t } = useTranslation(CONSULTATIONS_NS);
  const locale = useLocale();
  const published = editions.filter((e) => e.status === 'published');
  const [edition, setEdition] = useState<number | null>(published.at(-1)?.number ?? null);
  const report = useConsultationReport(slug, activityId, edition, locale);
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
      <CommentSearch slug={slug} activityId={activityId} />
    </div>
  );
}

/** A committee's name in the interface language, else Persian. */
function committeeName(committee: Committee, locale: Locale): string {
  return committee.name[locale] || committee.name.fa;
}

function Report({ slug, activityId, report }: { slug: string; activityId: string; report: TConsultationReport }) {
  const { t } = useTranslation([CONSULTATIONS_NS, 'comments', 'errors']);
  const locale = useLocale();
  const toast = useToast();
  const assign = useSectionCommittee(slug, activityId);
  const n = (value: number) => formatNumber(value, locale);
  const reading = `/${slug}/consultations/${activityId}?edition=${report.edition.number}`;
  const hasEarlier = report.editions.length > 1;
  // Every committee of the plan can be chosen, whether or not it is responsible for a section yet.
  const committees = report.committees.flatMap((c) => (c.committee ? [c.committee] : []));

  const handleCommittee = (sectionId: string, committeeId: string) =>
    assign.mutate(
      { sectionId, committeeId: committeeId || null },
      {
        onSuccess: () => toast.show({ title: t('manage.report.committeeSaved'), variant: 'success' }),
        onError: (error) => toast.show({ title: translateErrorCode(t, errorCodeOf(error)), variant: 'danger' }),
      },
    );

  const byEdition = (counts: Counts) =>
    counts.byEdition
      .map((e) => t('manage.report.editionCount', { number: n(e.number), count: n(e.comments) }))
      .join(' · ');

  const row = (key: string, label: ReactNode, counts: Counts, isSection = false, committeeCell: ReactNode = null) => (
    <tr key={key} className={isSection ? 'c-report__section' : undefined}>
      <th scope="row">{label}</th>
      <td>{committeeCell}</td>
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
      {hasEarlier && <td className="c-report__editions">{byEdition(counts)}</td>}
    </tr>
  );

  const committeeSelect = (section: TConsultationReport['sections'][number]) => (
    <select
      className="field__input"
      aria-label={t('manage.report.committeeFor', { section: section.label })}
      value={section.committee?.id ?? ''}
      disabled={assign.isPending}
      onChange={(event) => handleCommittee(section.id, event.target.value)}
    >
      <option value="">{t('manage.report.committeeNone')}</option>
      {committees.map((c) => (
        <option key={c.id} value={c.id}>
          {committeeName(c, locale)}
        </option>
      ))}
    </select>
  );

  return (
    <div className="stack c-report">
      <h2>{t('manage.report.title', { number: n(report.edition.number), title: report.edition.title })}</h2>
      {hasEarlier && (
        <p className="muted">
          {t('manage.report.coverage', {
            first: n(report.editions[0]!.number),
            last: n(report.editions[report.editions.length - 1]!.number),
          })}
        </p>
      )}
      <div className="c-toolbar">
        <a
          className="btn btn--secondary btn--sm"
          href={reportDownloadUrl(slug, activityId, 'csv', report.edition.number, locale)}
          download
        >
          {t('manage.report.csv')}
        </a>
        <a
          className="btn btn--secondary btn--sm"
          href={reportDownloadUrl(slug, activityId, 'xlsx', report.edition.number, locale)}
          download
        >
          {t('manage.report.xlsx')}
        </a>
        <Button size="sm" variant="ghost" onClick={() => window.print()}>
          {t('reading.print')}
        </Button>
      </div>
      <TableScroll label={t('manage.report.countsCaption')}>
        <table className="table c-report__table">
          <caption className="visually-hidden">{t('manage.report.countsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('manage.report.part')}</th>
              <th scope="col">{t('manage.report.committee')}</th>
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
              {hasEarlier && <th scope="col">{t('manage.report.byEdition')}</th>}
            </tr>
          </thead>
          <tbody>
            {row('totals', t('manage.report.totals'), report.totals, true)}
            {row('document', t('manage.report.document'), report.document)}
            {report.sections.flatMap((section) => [
              row(
                `s-${section.anchor}`,
                section.heading ? `${section.label}: ${section.heading}` : section.label,
                section.counts,
                true,
                committeeSelect(section),
              ),
              ...section.blocks.map((block) =>
                row(
                  block.id,
                  <>
                    <span className="c-report__label">{block.label}</span>{' '}
                    <Link to={`${reading}#p-${block.anchor}`}>{block.excerpt}</Link>
                  </>,
                  block.counts,
                ),
              ),
            ])}
            {report.droppedParagraphs.comments + report.droppedParagraphs.amendments > 0 &&
              row('dropped', t('manage.report.dropped'), report.droppedParagraphs)}
          </tbody>
        </table>
      </TableScroll>

      <section className="stack" aria-labelledby="c-committees">
        <h3 id="c-committees">{t('manage.report.committeesTitle')}</h3>
        <TableScroll label={t('manage.report.committeesCaption')}>
          <table className="table c-report__table">
            <caption className="visually-hidden">{t('manage.report.committeesCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('manage.report.committee')}</th>
                <th scope="col">{t('manage.report.sections')}</th>
                <th scope="col">{t('manage.report.comments')}</th>
                <th scope="col">{t('manage.report.unanswered')}</th>
                <th scope="col">{t('manage.report.incorporated')}</th>
                <th scope="col">{t('manage.report.amendments')}</th>
              </tr>
            </thead>
            <tbody>
              {report.committees.map((c) => (
                <tr key={c.committee?.id ?? 'none'}>
                  <th scope="row">
                    {c.committee ? committeeName(c.committee, locale) : t('manage.report.committeeNone')}
                  </th>
                  <td>{n(c.sectionCount)}</td>
                  <td>{n(c.counts.comments)}</td>
                  <td>{n(c.counts.unanswered)}</td>
                  <td>{n(c.counts.incorporated)}</td>
                  <td>{n(c.counts.amendments)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>

      <section className="stack" aria-labelledby="c-top-amendments">
        <h3 id="c-top-amendments">{t('manage.report.topAmendments')}</h3>
        {report.topAmendments.length === 0 ? (
          <p className="muted">{t('amendments.empty')}</p>
        ) : (
          <ol className="stack">
            {report.topAmendments.map((a) => (
              <li key={a.id}>
                <Link to={`/${slug}/consultations/${activityId}?edition=${a.editionNumber}#p-${a.blockAnchor}`}>
                  {a.excerpt}
                </Link>
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
                    <>
                      <span className="c-report__label">{c.blockLabel}</span>{' '}
                      <Link to={`${reading}#p-${c.blockAnchor}`}>{c.excerpt}</Link>
                    </>
                  ) : c.blockLabel ? (
                    <span>
                      {c.blockLabel}: {c.excerpt}
                    </span>
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

/** The planner's search of the consultation's comments; each hit links to its paragraph. */
function CommentSearch({ slug, activityId }: { slug: string; activityId: string }) {
  const { t } = useTranslation([CONSULTATIONS_NS, 'comments', 'errors']);
  const locale = useLocale();
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const search = useCommentSearch(slug, activityId, q);
  const hits = search.data?.pages.flatMap((page) => page.items) ?? [];
  const n = (value: number) => formatNumber(value, locale);

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    setQ(draft.trim());
  };

  return (
    <section className="stack c-report-search" aria-labelledby="c-comment-search">
      <h3 id="c-comment-search">{t('manage.report.search.title')}</h3>
      <form role="search" className="c-toolbar" onSubmit={handleSubmit}>
        <TextField
          type="search"
          label={t('manage.report.search.label')}
          hint={t('manage.report.search.hint')}
          value={draft}
          minLength={2}
          maxLength={200}
          onChange={(event) => setDraft(event.target.value)}
        />
        <Button type="submit" size="sm" isLoading={search.isFetching && !search.isFetchingNextPage}>
          {t('manage.report.search.submit')}
        </Button>
      </form>
      {search.isError && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(search.error))}</Alert>}
      {search.isSuccess && (
        <p role="status" className="muted">
          {hits.length === 0
            ? t('manage.report.search.empty', { q })
            : t(search.hasNextPage ? 'manage.report.search.resultsMore' : 'manage.report.search.results', {
                number: n(hits.length),
              })}
        </p>
      )}
      {hits.length > 0 && (
        <ul className="c-plain-list stack">
          {hits.map((hit) => (
            <li key={hit.commentId} className="card">
              <p>
                {hit.blockAnchor ? (
                  <Link to={`/${slug}/consultations/${activityId}?edition=${hit.editionNumber}#p-${hit.blockAnchor}`}>
                    {hit.excerpt}
                  </Link>
                ) : (
                  <span>{t('manage.report.document')}</span>
                )}
              </p>
              <p className="c-prewrap">{hit.body}</p>
              <p className="muted">
                {hit.isReply && `${t('manage.report.search.reply')} · `}
                {t(`manage.report.capacities.${hit.capacity}`)}
                {hit.alignment && ` · ${t(`comments:alignment.${hit.alignment}`)}`}
                {hit.outcome && ` · ${t(`comments:outcome.${hit.outcome}`)}`} ·{' '}
                {t('manage.report.search.onEdition', { number: n(hit.editionNumber) })} ·{' '}
                <DateText value={hit.createdAt} />
              </p>
            </li>
          ))}
        </ul>
      )}
      {search.hasNextPage && (
        <Button
          size="sm"
          variant="secondary"
          isLoading={search.isFetchingNextPage}
          onClick={() => void search.fetchNextPage()}
        >
          {t('manage.report.search.more')}
        </Button>
      )}
    </section>
  );
}
