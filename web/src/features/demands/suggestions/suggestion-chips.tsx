import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SuggestionDecision, TDemandSuggestion } from '@hamandishi/contracts';
import { Alert } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { errorCodeOf } from '@/lib/errors';
import { pickLocalized } from '@/lib/locale';
import { formatNumber } from '@/lib/format';
import { useLocale } from '@/lib/use-locale';
import { DEMAND_SUGGESTIONS_NS } from './suggestions-i18n';
import { useDecideSuggestion, useDemandSuggestions } from './use-demand-suggestions';

export type SuggestionChipsProps = {
  slug: string;
  demandId: string;
  /** Known already (the suggestions page has them); fetched otherwise. */
  suggestions?: TDemandSuggestion[];
  /** After a suggestion was accepted or rejected (the demands page refreshes the demand's themes). */
  onDecided?: (decision: SuggestionDecision, suggestion: TDemandSuggestion) => void;
};

/** Whether a key press is the one-key shortcut and not typing in a field. */
function shortcutOf(event: KeyboardEvent<HTMLElement>): SuggestionDecision | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  const target = event.target as HTMLElement;
  if (target.closest('input, textarea, select, [contenteditable="true"]')) return null;
  // The physical key, so the shortcut works with a Persian or Arabic keyboard layout too (ش, ق).
  if (event.code === 'KeyA' || event.key === 'a') return 'accept';
  if (event.code === 'KeyR' || event.key === 'r') return 'reject';
  return null;
}

/**
 * The suggested themes of one demand as chips, most confident first, each with accept and reject.
 * With the list (or anything in it) focused, `a` accepts the top suggestion and `r` rejects it.
 */
export function SuggestionChips({ slug, demandId, suggestions, onDecided }: SuggestionChipsProps) {
  const { t } = useTranslation([DEMAND_SUGGESTIONS_NS, 'errors']);
  const locale = useLocale();
  const fetched = useDemandSuggestions(slug, demandId, !suggestions);
  const items = suggestions ?? fetched.data?.items ?? [];
  const decide = useDecideSuggestion(slug);

  function handleDecide(decision: SuggestionDecision, suggestion: TDemandSuggestion) {
    if (decide.isPending) return;
    decide.mutate({ demandId, themeId: suggestion.themeId, decision }, { onSuccess: () => onDecided?.(decision, suggestion) });
  }

  function handleKeyDown(event: KeyboardEvent<HTMLElement>) {
    const decision = shortcutOf(event);
    if (!decision || items.length === 0) return;
    event.preventDefault();
    handleDecide(decision, items[0]);
  }

  if (items.length === 0) return <p className="muted">{t('chips.none')}</p>;
  return (
    <div className="stack">
      <ul
        className="suggestion-chips"
        aria-label={t('chips.label')}
        aria-keyshortcuts="a r"
        tabIndex={0}
        onKeyDown={handleKeyDown}
        aria-busy={decide.isPending}
      >
        {items.map((s, i) => {
          const name = pickLocalized(s.themeName, locale);
          const confidence = t('status.percent', { value: formatNumber(Math.round(s.confidence * 100), locale) });
          return (
            <li key={s.themeId} className="suggestion-chip" style={{ borderInlineStartColor: s.themeColour }}>
              <span className="suggestion-chip__name">{name}</span>
              <span className="suggestion-chip__confidence" title={t('chips.confidence')}>
                {confidence}
              </span>
              <button
                type="button"
                className="btn btn--ghost btn--sm"
                aria-label={t('chips.accept', { theme: name })}
                aria-keyshortcuts={i === 0 ? 'a' : undefined}
                disabled={decide.isPending}
                onClick={() => handleDecide('accept', s)}
              >
                ✓
              </button>
              <button
                type="button"
                className="btn btn--ghost btn--sm"
                aria-label={t('chips.reject', { theme: name })}
                aria-keyshortcuts={i === 0 ? 'r' : undefined}
                disabled={decide.isPending}
                onClick={() => handleDecide('reject', s)}
              >
                ✕
              </button>
            </li>
          );
        })}
      </ul>
      <p className="muted suggestion-chips__hint">{t('chips.keys')}</p>
      {decide.isError && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(decide.error))}</Alert>}
    </div>
  );
}
