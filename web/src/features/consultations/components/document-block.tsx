import { useTranslation } from 'react-i18next';
import type { TDocumentBlock, TPassage } from '@hamandishi/contracts';
import { TableScroll } from '@/components/table-scroll';
import { formatNumber } from '@/lib/format';
import { useLocale } from '@/lib/use-locale';
import { CONSULTATIONS_NS } from '../consultations-i18n';
import { splitAtPassage } from '../lib/passage';

export type DocumentBlockProps = {
  block: TDocumentBlock;
  isSelected: boolean;
  isTarget: boolean;
  /** A passage to highlight in the text (a quoted comment the reader clicked). */
  highlight: Pick<TPassage, 'start' | 'end'> | null;
  onOpen: (block: TDocumentBlock) => void;
};

/** One block of the document: its content, a change badge and, in the margin, its comment count. */
export function DocumentBlock({ block, isSelected, isTarget, highlight, onOpen }: DocumentBlockProps) {
  const { t } = useTranslation(CONSULTATIONS_NS);
  const locale = useLocale();
  const earliest = block.earlierBlocks.at(-1)?.editionNumber;
  const countText =
    block.carriedCommentCount > 0
      ? t(block.earlierBlocks.length > 1 ? 'block.countCarriedMany' : 'block.countCarried', {
          number: formatNumber(block.commentCount, locale),
          carried: formatNumber(block.carriedCommentCount, locale),
          edition: formatNumber(earliest ?? 1, locale),
        })
      : formatNumber(block.commentCount, locale);
  const className = [
    'c-block',
    isSelected && 'is-selected',
    isTarget && 'is-target',
    block.change && `c-block--${block.change}`,
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <div className={className} id={`p-${block.anchor}`} data-testid="document-block">
      <div className="c-block__content">
        {(block.change === 'new' || block.change === 'modified') && (
          <span className={`badge c-change c-change--${block.change}`}>{t(`block.change.${block.change}`)}</span>
        )}
        <BlockContent block={block} highlight={highlight} />
      </div>
      <div className="c-block__margin">
        <button type="button" className="c-count" aria-expanded={isSelected} onClick={() => onOpen(block)}>
          <svg className="c-count__icon" aria-hidden="true" viewBox="0 0 20 20" width="16" height="16">
            <path
              d="M4 3h12a2 2 0 0 1 2 2v7a2 2 0 0 1-2 2H9l-4 3v-3H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.6"
              strokeLinejoin="round"
            />
          </svg>
          <span className="visually-hidden">{t('block.open')} </span>
          <span className="c-count__number">{countText}</span>
        </button>
        {block.amendmentCount > 0 && (
          <span className="c-block__amendments muted">
            {t('block.amendments', { number: formatNumber(block.amendmentCount, locale) })}
          </span>
        )}
      </div>
    </div>
  );
}

function BlockContent({
  block,
  highlight,
}: {
  block: TDocumentBlock;
  highlight: Pick<TPassage, 'start' | 'end'> | null;
}) {
  const { t } = useTranslation(CONSULTATIONS_NS);
  switch (block.kind) {
    case 'paragraph': {
      // The raw text in one element, nothing normalised, so selection offsets map 1:1 to `text`.
      const [before, marked, after] = splitAtPassage(block.text, highlight);
      return (
        <p className="c-block__text" data-block-text data-block-id={block.id}>
          {before}
          {marked && <mark className="c-highlight">{marked}</mark>}
          {after}
        </p>
      );
    }
    case 'list': {
      const items = block.items ?? [];
      const List = block.ordered ? 'ol' : 'ul';
      return (
        <List className="c-block__list">
          {items.map((item, index) => (
            <li key={index}>{item}</li>
          ))}
        </List>
      );
    }
    case 'table':
      return (
        <TableScroll label={t('block.table')}>
          <table className="table c-block__table">
            <tbody>
              {(block.rows ?? []).map((row, r) => (
                <tr key={r}>
                  {row.map((cell, c) => (
                    <td key={c}>{cell}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      );
    case 'image':
      return block.image ? (
        <figure className="c-block__figure">
          <img src={block.image.url} alt={block.image.alt} loading="lazy" decoding="async" />
          {block.image.alt && <figcaption className="muted">{block.image.alt}</figcaption>}
        </figure>
      ) : null;
  }
}
