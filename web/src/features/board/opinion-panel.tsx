import { useTranslation } from 'react-i18next';
import type { TBoardState, TOpinionStatement } from '@hamandishi/contracts';
import { UserText } from '@/components';
import { formatNumber } from '@/lib/format';
import { isLocale } from '@/lib/locale';
import { BOARD_NS } from './board-i18n';

/** Colours of opinion groups on the map (each ≥ 3:1 against white, told apart by label too). */
const GROUP_COLOURS = ['#0f766e', '#b45309', '#1d4ed8', '#be185d', '#4d7c0f'];

/** Opinion groups: "not enough votes yet", or the groups, their representative statements and the consensus. */
export function OpinionPanel({ state, isLarge = false }: { state: TBoardState; isLarge?: boolean }) {
  const { t, i18n } = useTranslation(BOARD_NS);
  const locale = isLocale(i18n.language) ? i18n.language : 'fa';
  const opinion = state.opinion;
  const textOf = (id: string) => state.statements.find((s) => s.id === id)?.text ?? t('opinion.hiddenStatement');
  const groupName = (label: number) => t('opinion.group', { name: String.fromCharCode(65 + (label % 26)) });

  return (
    <section className="card stack board__opinion" aria-labelledby="opinion-title" data-testid="opinion">
      <h2 id="opinion-title">{t('opinion.title')}</h2>
      {opinion.status !== 'ready' && (
        <p className="muted">
          {opinion.status === 'not_enough_votes'
            ? t('opinion.notEnough', { participants: formatNumber(opinion.minParticipants, locale), statements: formatNumber(opinion.minStatements, locale) })
            : t('opinion.notComputed')}
        </p>
      )}
      {opinion.status === 'ready' && (
        <>
          <p className="muted">
            {t('opinion.summary', {
              participants: formatNumber(opinion.participants, locale),
              statements: formatNumber(opinion.statements, locale),
              groups: formatNumber(opinion.groups.length, locale),
            })}
          </p>
          {opinion.myGroup !== undefined && opinion.myGroup !== null && <p>{t('opinion.mine', { group: groupName(opinion.myGroup) })}</p>}
          <OpinionMap points={opinion.points} label={t('opinion.map')} isLarge={isLarge} />
          {opinion.groups.map((g) => (
            <div key={g.label} className="stack">
              <h3>
                <span className="board__swatch" style={{ background: GROUP_COLOURS[g.label % GROUP_COLOURS.length] }} aria-hidden="true" />{' '}
                {groupName(g.label)} · {t('opinion.people', { formatted: formatNumber(g.size, locale) })}
              </h3>
              <StatementList items={g.representative} textOf={textOf} empty={t('opinion.noRepresentative')} />
            </div>
          ))}
          <h3>{t('opinion.consensus')}</h3>
          <StatementList items={opinion.consensus} textOf={textOf} empty={t('opinion.noConsensus')} />
        </>
      )}
    </section>
  );
}

function StatementList({ items, textOf, empty }: { items: TOpinionStatement[]; textOf: (id: string) => string; empty: string }) {
  const { t, i18n } = useTranslation(BOARD_NS);
  const locale = isLocale(i18n.language) ? i18n.language : 'fa';
  if (items.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="board__opinion-list">
      {items.map((item) => (
        <li key={`${item.statementId}-${item.direction}`}>
          <span className={`badge badge--${item.direction === 'agree' ? 'success' : 'warning'}`}>{t(`opinion.${item.direction}`)}</span>{' '}
          <UserText>{textOf(item.statementId)}</UserText>{' '}
          <span className="muted">({formatNumber(Math.round(item.probability * 100), locale)}٪)</span>
        </li>
      ))}
    </ul>
  );
}

/** The participants on the two principal components, coloured by group (decorative: the lists above say the same). */
function OpinionMap({ points, label, isLarge }: { points: [number, number, number][]; label: string; isLarge: boolean }) {
  if (points.length === 0) return null;
  const extent = Math.max(1e-6, ...points.flatMap(([x, y]) => [Math.abs(x), Math.abs(y)]));
  const size = isLarge ? 360 : 220;
  return (
    <svg className="board__map" viewBox="-1.1 -1.1 2.2 2.2" width={size} height={size} role="img" aria-label={label}>
      <line x1="-1.1" x2="1.1" y1="0" y2="0" stroke="#cbd5e1" strokeWidth="0.01" />
      <line y1="-1.1" y2="1.1" x1="0" x2="0" stroke="#cbd5e1" strokeWidth="0.01" />
      {points.map(([x, y, g], i) => (
        <circle key={i} cx={x / extent} cy={-y / extent} r="0.035" fill={GROUP_COLOURS[g % GROUP_COLOURS.length]} opacity="0.8" />
      ))}
    </svg>
  );
}
