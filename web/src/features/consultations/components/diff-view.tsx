import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TEditionDiff } from '@hamandishi/contracts';
import { formatNumber } from '@/lib/format';
import { useLocale } from '@/lib/use-locale';
import { CONSULTATIONS_NS } from '../consultations-i18n';

type DiffBlock = TEditionDiff['blocks'][number];
type DiffRun = DiffBlock['runs'][number];

const COUNT_KEYS = ['added', 'removed', 'modified', 'unchanged'] as const;

/** Word runs with insertions and deletions marked (colour, underline / strike-through, and hidden words for screen readers). */
export function DiffRuns({ runs }: { runs: readonly DiffRun[] }) {
  const { t } = useTranslation(CONSULTATIONS_NS);
  return (
    <>
      {runs.map((run, index) =>
        run.op === 'insert' ? (
          <ins key={index} className="c-ins">
            <span className="visually-hidden">{t('diff.insertedStart')}</span>
            {run.text}
            <span className="visually-hidden">{t('diff.insertedEnd')}</span>
          </ins>
        ) : run.op === 'delete' ? (
          <del key={index} className="c-del">
            <span className="visually-hidden">{t('diff.deletedStart')}</span>
            {run.text}
            <span className="visually-hidden">{t('diff.deletedEnd')}</span>
          </del>
        ) : (
          <span key={index}>{run.text}</span>
        ),
      )}
    </>
  );
}

export type DiffViewProps = {
  diff: TEditionDiff;
  /** The reading view's path (`/:slug/consultations/:activityId`): each block links to where it stands; none in tests. */
  readingPath?: string;
};

/** What changed between two editions: the summary, counts, and the blocks with their changes marked. */
export function DiffView({ diff, readingPath }: DiffViewProps) {
  const { t } = useTranslation(CONSULTATIONS_NS);
  const locale = useLocale();
  const [changesOnly, setChangesOnly] = useState(true);
  const blocks = changesOnly ? diff.blocks.filter((block) => block.change !== 'unchanged') : diff.blocks;
  let lastHeading: string | null = null;

  return (
    <div className="stack">
      {diff.changeSummary && (
        <section className="c-summary" aria-labelledby="c-diff-summary">
          <h2 id="c-diff-summary">{t('reading.changeSummary')}</h2>
          <p className="c-prewrap">{diff.changeSummary}</p>
        </section>
      )}
      <ul className="c-diff-counts c-plain-list" aria-label={t('diff.countsLabel')}>
        {COUNT_KEYS.map((key) => (
          <li key={key} className={`c-diff-count c-diff-count--${key}`}>
            {t(`diff.counts.${key}`, { number: formatNumber(diff.counts[key], locale) })}
          </li>
        ))}
      </ul>
      <p className="muted">{t('diff.legend')}</p>
      <label className="checkbox">
        <input type="checkbox" checked={changesOnly} onChange={(event) => setChangesOnly(event.target.checked)} />{' '}
        {t('diff.changesOnly')}
      </label>
      {blocks.length === 0 && <p className="muted">{t('diff.noChanges')}</p>}
      <ol className="c-plain-list stack c-diff">
        {blocks.map((block, index) => {
          const showHeading = block.heading !== lastHeading;
          lastHeading = block.heading;
          return (
            <li
              key={`${block.fromAnchor ?? ''}-${block.toAnchor ?? ''}-${index}`}
              className={`c-diff-block c-diff-block--${block.change}`}
              data-change={block.change}
            >
              {showHeading && block.heading && <p className="c-diff-block__heading">{block.heading}</p>}
              <span className={`badge c-change c-change--${block.change}`}>{t(`diff.change.${block.change}`)}</span>
              <p className="c-diff-block__text">
                {block.change === 'added' ? (
                  <DiffRuns runs={block.runs.map((run) => ({ ...run, op: 'insert' as const }))} />
                ) : block.change === 'removed' ? (
                  <DiffRuns runs={block.runs.map((run) => ({ ...run, op: 'delete' as const }))} />
                ) : (
                  <DiffRuns runs={block.runs} />
                )}
              </p>
              {readingPath && (block.toAnchor || block.fromAnchor) && (
                <Link
                  className="c-diff-block__link"
                  to={
                    block.toAnchor
                      ? `${readingPath}?edition=${diff.to}#p-${block.toAnchor}`
                      : `${readingPath}?edition=${diff.from}#p-${block.fromAnchor}`
                  }
                >
                  {t(block.toAnchor ? 'diff.readInEdition' : 'diff.readInOldEdition', {
                    number: formatNumber(block.toAnchor ? diff.to : diff.from, locale),
                  })}
                </Link>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
