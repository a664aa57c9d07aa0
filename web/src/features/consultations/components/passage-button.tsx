import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { CONSULTATIONS_NS } from '../consultations-i18n';
import type { PassageSelection } from '../lib/use-passage-selection';

export type PassageButtonProps = { selection: PassageSelection; onComment: (selection: PassageSelection) => void };

const MARGIN = 8;
const HEIGHT = 44;

/** A small floating "comment on this passage" button just under the selected text. */
export function PassageButton({ selection, onComment }: PassageButtonProps) {
  const { t } = useTranslation(CONSULTATIONS_NS);
  const isRtl = document.documentElement.dir === 'rtl';
  const { rect } = selection;
  const below = rect.bottom + MARGIN;
  const top = below + HEIGHT > window.innerHeight ? Math.max(MARGIN, rect.top - HEIGHT - MARGIN) : below;
  // Aligned with where the selection starts in the reading direction.
  const start = Math.max(MARGIN, isRtl ? window.innerWidth - rect.right : rect.left);
  return createPortal(
    <button
      type="button"
      className="btn btn--primary btn--sm c-passage-button"
      style={{ top, insetInlineStart: Math.min(start, Math.max(MARGIN, window.innerWidth - 220)) }}
      // Keep the selection: a mouse down on a button would otherwise clear it first.
      onMouseDown={(event) => event.preventDefault()}
      onClick={() => onComment(selection)}
    >
      {t('passage.button')}
    </button>,
    document.body,
  );
}
