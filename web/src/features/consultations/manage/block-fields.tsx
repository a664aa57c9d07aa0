import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, FileField, TableScroll, TextField } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { errorCodeOf } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { useLocale } from '@/lib/use-locale';
import { useUploadImage } from '../api/use-consultations';
import { CONSULTATIONS_NS } from '../consultations-i18n';
import { addTableColumn, addTableRow, type EditorBlock } from '../lib/block-editor-model';

export type BlockFieldsProps = {
  slug: string;
  activityId: string;
  block: EditorBlock;
  onChange: (block: EditorBlock) => void;
};

/** The inputs of one block, by kind. */
export function BlockFields({ slug, activityId, block, onChange }: BlockFieldsProps) {
  const { t } = useTranslation([CONSULTATIONS_NS, 'errors']);
  const locale = useLocale();
  const id = useId();
  switch (block.kind) {
    case 'heading':
      return (
        <div className="c-editor__row">
          <label className="field">
            <span className="field__label">{t('manage.editor.level')}</span>
            <select
              className="field__input"
              value={block.level}
              onChange={(event) => onChange({ ...block, level: Number(event.target.value) })}
            >
              {[1, 2, 3, 4].map((level) => (
                <option key={level} value={level}>
                  {formatNumber(level, locale)}
                </option>
              ))}
            </select>
          </label>
          <TextField
            label={t('manage.editor.headingText')}
            value={block.text}
            maxLength={500}
            onChange={(event) => onChange({ ...block, text: event.target.value })}
          />
        </div>
      );
    case 'paragraph':
      return (
        <div className="field">
          <label className="field__label" htmlFor={`${id}-text`}>
            {t('manage.editor.paragraphText')}
          </label>
          <textarea
            id={`${id}-text`}
            className="field__input textarea"
            rows={4}
            value={block.text}
            onChange={(event) => onChange({ ...block, text: event.target.value })}
          />
        </div>
      );
    case 'list':
      return (
        <div className="stack">
          <label className="checkbox">
            <input
              type="checkbox"
              checked={block.ordered}
              onChange={(event) => onChange({ ...block, ordered: event.target.checked })}
            />{' '}
            {t('manage.editor.ordered')}
          </label>
          {block.items.map((item, index) => (
            <div key={index} className="c-editor__row">
              <TextField
                label={t('manage.editor.item', { number: formatNumber(index + 1, locale) })}
                value={item}
                onChange={(event) =>
                  onChange({ ...block, items: block.items.map((v, i) => (i === index ? event.target.value : v)) })
                }
              />
              {block.items.length > 1 && (
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => onChange({ ...block, items: block.items.filter((_, i) => i !== index) })}
                >
                  {t('manage.editor.removeItem', { number: formatNumber(index + 1, locale) })}
                </Button>
              )}
            </div>
          ))}
          <div>
            <Button size="sm" variant="ghost" onClick={() => onChange({ ...block, items: [...block.items, ''] })}>
              {t('manage.editor.addItem')}
            </Button>
          </div>
        </div>
      );
    case 'table':
      return (
        <div className="stack">
          <TableScroll label={t('block.table')}>
            <table className="c-editor__table">
              <tbody>
                {block.rows.map((row, r) => (
                  <tr key={r}>
                    {row.map((cell, c) => (
                      <td key={c}>
                        <input
                          className="field__input"
                          aria-label={t('manage.editor.cell', {
                            row: formatNumber(r + 1, locale),
                            column: formatNumber(c + 1, locale),
                          })}
                          value={cell}
                          onChange={(event) =>
                            onChange({
                              ...block,
                              rows: block.rows.map((cells, i) =>
                                i === r ? cells.map((v, j) => (j === c ? event.target.value : v)) : cells,
                              ),
                            })
                          }
                        />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <div className="comment__actions">
            <Button size="sm" variant="ghost" onClick={() => onChange({ ...block, rows: addTableRow(block.rows) })}>
              {t('manage.editor.addRow')}
            </Button>
            <Button size="sm" variant="ghost" onClick={() => onChange({ ...block, rows: addTableColumn(block.rows) })}>
              {t('manage.editor.addColumn')}
            </Button>
          </div>
        </div>
      );
    case 'image':
      return <ImageFields slug={slug} activityId={activityId} block={block} onChange={onChange} />;
  }
}

function ImageFields({
  slug,
  activityId,
  block,
  onChange,
}: {
  slug: string;
  activityId: string;
  block: Extract<EditorBlock, { kind: 'image' }>;
  onChange: (block: EditorBlock) => void;
}) {
  const { t } = useTranslation([CONSULTATIONS_NS, 'errors']);
  const upload = useUploadImage(slug, activityId);
  return (
    <div className="stack">
      {block.previewUrl && <img className="c-editor__preview" src={block.previewUrl} alt={block.alt} />}
      {block.attachmentId && !block.previewUrl && <p className="muted">{t('manage.editor.imageAttached')}</p>}
      <FileField
        label={t('manage.editor.imageFile')}
        accept="image/png,image/jpeg,image/webp"
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file)
            upload.mutate(file, {
              onSuccess: (attachment) =>
                onChange({ ...block, attachmentId: attachment.id, previewUrl: attachment.url }),
            });
        }}
      />
      {upload.isError && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(upload.error))}</Alert>}
      <TextField
        label={t('manage.editor.alt')}
        value={block.alt}
        maxLength={500}
        onChange={(event) => onChange({ ...block, alt: event.target.value })}
      />
    </div>
  );
}
