// The suggested-themes components the demands page mounts (lazy-loaded with it: planners only).
import './suggestions-i18n';
import './suggestions.css';

export { ClassifierStatusCard, type ClassifierStatusCardProps } from './classifier-status-card';
export { SuggestionChips, type SuggestionChipsProps } from './suggestion-chips';
export { DEMAND_SUGGESTIONS_NS } from './suggestions-i18n';
