import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ZSaveEdition, type TSaveEdition } from '@hamandishi/contracts';
import { Alert, Button, TextField } from '@/components';
import { formatNumber } from '@/lib/format';
import { useLocale } from '@/lib/use-locale';
import { CONSULTATIONS_NS } from '../consultations-i18n';
import {
  EDITOR_BLOCK_KINDS,
  emptyBlock,
  firstIncompleteBlock,
  insertBlock,
  moveBlock,
  removeBlock,
  replaceBlock,
  toSaveEdition,
  type EditorBlock,
} from '../lib/block-editor-model';
import { BlockFields } from './block-fields';

export type EditionEditorProps = {
  slug: string;
  activityId: string;
  initial: { title: string; changeSummary: string; blocks: EditorBlock[] };
  isSaving: boolean;
  onSave: (input: TSaveEdition) => void;
  /** Discard / publish buttons, shown beside save. */
  actions?: ReactNode;
};

/** The structured editor of an edition draft: title, change summary and blocks (add, move, remove, edit). */
export function EditionEditor({ slug, activityId, initial, isSaving, onSave, actions }: EditionEditorProps) {
  const { t } = useTranslation([CONSULTATIONS_NS, 'errors']);
  const locale = useLocale();
  const id = useId();
  const [title, setTitle] = useState(initial.title);
  const [changeSummary, setChangeSummary] = useState(initial.changeSummary);
  const [blocks, setBlocks] = useState<EditorBlock[]>(initial.blocks);
  const [error, setError] = useState<string | null>(null);

  const handleSave = () => {
    const incomplete = firstIncompleteBlock(blocks);
    if (incomplete >= 0)
      return setError(t('manage.editor.blockInvalid', { number: formatNumber(incomplete + 1, locale) }));
    const input = toSaveEdition(title, changeSummary, blocks);
    const parsed = ZSaveEdition.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = issue?.path ?? [];
      if (path[0] === 'title') return setError(t('manage.editor.titleRequired'));
      if (path[0] === 'blocks' && typeof path[1] === 'number')
        return setError(t('manage.editor.blockInvalid', { number: formatNumber(path[1] + 1, locale) }));
      return setError(t('manage.editor.blocksRequired'));
    }
    setError(null);
    onSave(input);
  };

  return (
    <div className="stack c-editor">
      <TextField
        label={t('manage.editor.title')}
        value={title}
        onChange={(event) => setTitle(event.target.value)}
        maxLength={300}
      />
      <div className="field">
        <label className="field__label" htmlFor={`${id}-summary`}>
          {t('manage.editor.changeSummary')}
        </label>
        <textarea
          id={`${id}-summary`}
          className="field__input textarea"
          rows={3}
          value={changeSummary}
          onChange={(event) => setChangeSummary(event.target.value)}
        />
      </div>
      <ol className="c-plain-list stack c-editor__blocks" aria-label={t('manage.editor.blocks')}>
        {blocks.map((block, index) => (
          <li key={block.key} className="card c-editor__block" data-testid="editor-block">
            <fieldset className="stack">
              <legend>
                {t('manage.editor.blockLegend', {
                  number: formatNumber(index + 1, locale),
                  kind: t(`manage.kinds.${block.kind}`),
                })}
              </legend>
              <BlockFields
                slug={slug}
                activityId={activityId}
                block={block}
                onChange={(next) => setBlocks((all) => replaceBlock(all, index, next))}
              />
              <div className="comment__actions">
                <Button
                  size="sm"
                  variant="ghost"
                  disabled={index === 0}
                  onClick={() => setBlocks((all) => moveBlock(all, index, -1))}
                >
                  {t('manage.editor.moveUp', { number: formatNumber(index + 1, locale) })}
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  disabled={index === blocks.length - 1}
                  onClick={() => setBlocks((all) => moveBlock(all, index, 1))}
                >
                  {t('manage.editor.moveDown', { number: formatNumber(index + 1, locale) })}
                </Button>
                <Button size="sm" variant="ghost" onClick={() => setBlocks((all) => removeBlock(all, index))}>
                  {t('manage.editor.remove', { number: formatNumber(index + 1, locale) })}
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => setBlocks((all) => insertBlock(all, index, emptyBlock('paragraph')))}
                >
                  {t('manage.editor.insertAfter', { number: formatNumber(index + 1, locale) })}
                </Button>
              </div>
            </fieldset>
          </li>
        ))}
      </ol>
      <div className="c-editor__add" role="group" aria-label={t('manage.editor.add')}>
        <span className="field__label">{t('manage.editor.add')}</span>
        {EDITOR_BLOCK_KINDS.map((kind) => (
          <Button
            key={kind}
            size="sm"
            variant="secondary"
            onClick={() => setBlocks((all) => insertBlock(all, all.length - 1, emptyBlock(kind)))}
          >
            {t(`manage.add.${kind}`)}
          </Button>
        ))}
      </div>
      {error && <Alert variant="danger">{error}</Alert>}
      <div className="form-footer">
        <Button isLoading={isSaving} onClick={handleSave}>
          {t('manage.editor.save')}
        </Button>
        {actions}
      </div>
    </div>
  );
}
