import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TStrategyStructure } from '@hamandishi/contracts';
import { Button, Dialog, UserText } from '@/components';
import { SaveError } from '@/features/plans/manage/fields';
import { formatNumber } from '@/lib/format';
import { useLocale } from '@/lib/use-locale';
import { BudgetLinesForm } from './budget-lines-form';
import { ActionForm, IndicatorForm, ProjectForm, SimpleRowForm } from './row-forms';
import { STRATEGY_NS } from './strategy-i18n';
import { type EditorLevel, useRowActions } from './use-strategy';

type Editing = { level: EditorLevel; id?: string; parentId?: string } | null;
type Row = { id: string; code: string; title: string; position: number; archived: boolean };

export type StructureTreeProps = { slug: string; planId: string; structure: TStrategyStructure };

/** Goals → outputs → indicators and projects → actions, and the portfolios and focus points beside them. */
export function StructureTree({ slug, planId, structure: s }: StructureTreeProps) {
  const { t } = useTranslation(STRATEGY_NS);
  const [editing, setEditing] = useState<Editing>(null);
  const actions = useRowActions(slug, planId);
  const canEdit = s.isEditable;
  const close = () => setEditing(null);

  const sorted = <T extends Row>(rows: T[]) => [...rows].sort((a, b) => a.position - b.position);
  const controls = (level: EditorLevel, row: Row, siblings: Row[]) => {
    if (!canEdit) return null;
    const index = siblings.findIndex((x) => x.id === row.id);
    const move = (delta: number) => {
      const ids = siblings.map((x) => x.id);
      const [id] = ids.splice(index, 1);
      ids.splice(index + delta, 0, id);
      actions.mutate({ kind: 'reorder', level, ids });
    };
    return (
      <span className="strategy-row__actions">
        <Button size="sm" variant="secondary" onClick={() => setEditing({ level, id: row.id })} aria-label={t('actions.editNamed', { code: row.code })}>
          {t('actions.edit')}
        </Button>
        <Button size="sm" variant="secondary" disabled={index <= 0} onClick={() => move(-1)} aria-label={t('actions.moveUp', { code: row.code })}>
          ↑
        </Button>
        <Button size="sm" variant="secondary" disabled={index >= siblings.length - 1} onClick={() => move(1)} aria-label={t('actions.moveDown', { code: row.code })}>
          ↓
        </Button>
        <Button size="sm" variant="secondary" onClick={() => actions.mutate({ kind: 'copy', level, id: row.id })} aria-label={t('actions.copyNamed', { code: row.code })}>
          {t('actions.copy')}
        </Button>
        <Button
          size="sm"
          variant="secondary"
          onClick={() => actions.mutate({ kind: 'archive', level, id: row.id, archived: !row.archived })}
          aria-label={t(row.archived ? 'actions.restoreNamed' : 'actions.archiveNamed', { code: row.code })}
        >
          {t(row.archived ? 'actions.restore' : 'actions.archive')}
        </Button>
        <Button size="sm" variant="secondary" onClick={() => actions.mutate({ kind: 'remove', level, id: row.id })} aria-label={t('actions.removeNamed', { code: row.code })}>
          {t('actions.remove')}
        </Button>
      </span>
    );
  };
  const line = (level: EditorLevel, row: Row, siblings: Row[], extra?: ReactNode) => (
    <div className={row.archived ? 'strategy-row strategy-row--archived' : 'strategy-row'} data-testid={`strategy-${level}`}>
      <span className="strategy-row__code" dir="ltr">
        {row.code}
      </span>
      <UserText className="strategy-row__title">{row.title}</UserText>
      {row.archived && <span className="badge">{t('archived')}</span>}
      {extra}
      {controls(level, row, siblings)}
    </div>
  );
  const add = (level: EditorLevel, parentId?: string, label?: string) =>
    canEdit && (
      <Button size="sm" variant="secondary" onClick={() => setEditing({ level, parentId })}>
        {label ?? t(`add.${level}`)}
      </Button>
    );

  const goals = sorted(s.goals);
  return (
    <div className="stack">
      <SaveError error={actions.error} />
      <section className="card stack" aria-labelledby="strategy-goals">
        <h2 id="strategy-goals">{t('levels.goals')}</h2>
        {goals.length === 0 && <p className="muted">{t('empty')}</p>}
        <ol className="strategy-tree">
          {goals.map((g) => {
            const outputs = sorted(s.outputs.filter((o) => o.goalId === g.id));
            return (
              <li key={g.id}>
                {line('goal', g, goals)}
                <ol className="strategy-tree">
                  {outputs.map((o) => {
                    const indicators = sorted(s.indicators.filter((i) => i.outputId === o.id));
                    const projects = sorted(s.projects.filter((p) => p.outputId === o.id));
                    return (
                      <li key={o.id}>
                        {line('output', o, outputs)}
                        <ul className="strategy-tree">
                          {indicators.map((i) => (
                            <li key={i.id}>
                              {line(
                                'indicator',
                                i,
                                indicators,
                                <code className="strategy-row__formula" dir="ltr">
                                  {i.formula}
                                </code>,
                              )}
                            </li>
                          ))}
                          {projects.map((p) => {
                            const acts = sorted(s.actions.filter((a) => a.projectId === p.id));
                            return (
                              <li key={p.id}>
                                {line('project', p, projects, <ProjectMeta cost={p.totalCost} progress={p.progress} />)}
                                <ul className="strategy-tree">
                                  {acts.map((a) => (
                                    <li key={a.id}>{line('action', a, acts)}</li>
                                  ))}
                                  <li>{add('action', p.id)}</li>
                                </ul>
                              </li>
                            );
                          })}
                          <li className="strategy-tree__adds">
                            {add('indicator', o.id)} {add('project', o.id)}
                          </li>
                        </ul>
                      </li>
                    );
                  })}
                  <li>{add('output', g.id)}</li>
                </ol>
              </li>
            );
          })}
        </ol>
        {add('goal')}
      </section>
      <section className="card stack" aria-labelledby="strategy-portfolios">
        <h2 id="strategy-portfolios">{t('levels.portfolios')}</h2>
        <ul className="strategy-tree">
          {sorted(s.portfolios).map((f, _, all) => (
            <li key={f.id}>{line('portfolio', f, all, <span className="muted">{t('projectsCount', { count: s.projects.filter((p) => p.portfolioId === f.id).length })}</span>)}</li>
          ))}
        </ul>
        {add('portfolio')}
      </section>
      <section className="card stack" aria-labelledby="strategy-focus">
        <h2 id="strategy-focus">{t('levels.focusPoints')}</h2>
        <ul className="strategy-tree">
          {sorted(s.focusPoints).map((f, _, all) => (
            <li key={f.id}>{line('focus_point', f, all)}</li>
          ))}
        </ul>
        {add('focus_point')}
      </section>
      <Dialog isOpen={editing !== null} onOpenChange={(open) => !open && close()} title={editing ? t(editing.id ? `edit.${editing.level}` : `add.${editing.level}`) : ''}>
        {editing && <RowEditor slug={slug} planId={planId} structure={s} editing={editing} onDone={close} />}
      </Dialog>
    </div>
  );
}

function ProjectMeta({ cost, progress }: { cost: string; progress: number }) {
  const { t } = useTranslation(STRATEGY_NS);
  const locale = useLocale();
  return (
    <span className="muted strategy-row__meta">
      {t('costRials', { amount: formatRials(cost, locale) })} · {t('progressPercent', { value: formatNumber(progress, locale) })}
    </span>
  );
}

/** Integer rials (a digit string, possibly beyond a double's exact range) in the reader's digits and grouping. */
export function formatRials(amount: string, locale: string): string {
  try {
    return new Intl.NumberFormat(locale === 'fa' ? 'fa-IR' : locale === 'ar' ? 'ar' : 'en-US').format(BigInt(amount));
  } catch {
    return amount;
  }
}

function RowEditor({ slug, planId, structure: s, editing, onDone }: { slug: string; planId: string; structure: TStrategyStructure; editing: NonNullable<Editing>; onDone: () => void }) {
  const common = { slug, planId, level: editing.level, id: editing.id, onDone, structure: s };
  switch (editing.level) {
    case 'indicator':
      return <IndicatorForm {...common} indicator={s.indicators.find((i) => i.id === editing.id)} outputId={editing.parentId} />;
    case 'project':
      return (
        <div className="stack">
          <ProjectForm {...common} project={s.projects.find((p) => p.id === editing.id)} outputId={editing.parentId} />
          {editing.id && <BudgetLinesForm slug={slug} planId={planId} structure={s} owner="project" ownerId={editing.id} />}
        </div>
      );
    case 'action':
      return <ActionForm {...common} action={s.actions.find((a) => a.id === editing.id)} projectId={editing.parentId} />;
    case 'output': {
      const o = s.outputs.find((x) => x.id === editing.id);
      return <SimpleRowForm {...common} row={o ?? { code: '', title: '', description: null, goalId: editing.parentId }} />;
    }
    default: {
      const list = editing.level === 'goal' ? s.goals : editing.level === 'portfolio' ? s.portfolios : s.focusPoints;
      return (
        <div className="stack">
          <SimpleRowForm {...common} row={list.find((x) => x.id === editing.id)} />
          {editing.level === 'portfolio' && editing.id && <BudgetLinesForm slug={slug} planId={planId} structure={s} owner="portfolio" ownerId={editing.id} />}
        </div>
      );
    }
  }
}
