import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PROBLEM_TRANSITIONS, type ProblemStatus, type TCommittee, type TProblem } from '@hamandishi/contracts';
import { Alert, Button, Select, TextField, useToast } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { errorCodeOf } from '@/lib/errors';
import { pickLocalized } from '@/lib/locale';
import { useLocale } from '@/lib/use-locale';
import { useChangeProblemStatus, useHideProblem, useMergeProblem, useProblemList, useRestoreProblem } from '../api/use-problems';
import { PROBLEMS_NS } from '../problems-i18n';

type StaffProps = { slug: string; problem: TProblem };

/** A planner moves a problem along its workflow: a reason for out-of-scope, a committee for accepted. */
export function ChangeStatusForm({ slug, problem, committees }: StaffProps & { committees: readonly TCommittee[] }) {
  const { t } = useTranslation([PROBLEMS_NS, 'errors']);
  const locale = useLocale();
  const toast = useToast();
  const change = useChangeProblemStatus(slug, problem.id);
  const allowed = PROBLEM_TRANSITIONS[problem.status].filter((s): s is Exclude<ProblemStatus, 'merged'> => s !== 'merged');
  const [status, setStatus] = useState<string | undefined>(undefined);
  const [reason, setReason] = useState('');
  const [committeeId, setCommitteeId] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);

  if (allowed.length === 0) return <p className="muted">{t('status.none')}</p>;

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!status) return setError(t('errors:field.required'));
    if (status === 'out_of_scope' && reason.trim().length < 3) return setError(t('errors:field.required'));
    if (status === 'accepted' && !committeeId) return setError(t('errors:field.required'));
    setError(null);
    change.mutate(
      {
        status: status as Exclude<ProblemStatus, 'merged'>,
        reason: reason.trim() || undefined,
        committeeId: status === 'accepted' ? committeeId : undefined,
      },
      {
        onSuccess: () => {
          toast.show({ title: t('status.changed'), variant: 'success' });
          setStatus(undefined);
          setReason('');
        },
        onError: (e) => setError(translateErrorCode(t, errorCodeOf(e))),
      },
    );
  };

  return (
    <form className="stack card" onSubmit={handleSubmit} aria-labelledby="status-form-title">
      <h2 id="status-form-title">{t('status.title')}</h2>
      <Select label={t('status.to')} value={status} options={allowed.map((s) => ({ value: s, label: t(`statuses.${s}`) }))} onValueChange={setStatus} />
      {status === 'accepted' && (
        <Select
          label={t('status.committee')}
          placeholder={t('status.committeePlaceholder')}
          value={committeeId}
          options={committees.map((c) => ({ value: c.id, label: pickLocalized(c.name, locale) }))}
          onValueChange={setCommitteeId}
        />
      )}
      <TextField label={t('status.reason')} value={reason} onChange={(e) => setReason(e.target.value)} required={status === 'out_of_scope'} />
      {error && <Alert variant="danger">{error}</Alert>}
      <div className="form-footer">
        <Button type="submit" isLoading={change.isPending}>
          {t('status.submit')}
        </Button>
      </div>
    </form>
  );
}

/** A moderator hides or restores a problem (with a reason) and merges it into another. */
export function ModerateProblemForm({ slug, problem }: StaffProps) {
  const { t } = useTranslation([PROBLEMS_NS, 'errors']);
  const toast = useToast();
  const hide = useHideProblem(slug, problem.id);
  const restore = useRestoreProblem(slug, problem.id);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const onError = (e: unknown) => setError(translateErrorCode(t, errorCodeOf(e)));

  const handleVisibility = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim().length < 3) return setError(t('errors:field.too_short'));
    setError(null);
    const action = problem.isHidden ? restore : hide;
    action.mutate(
      { reason: reason.trim() },
      { onSuccess: () => toast.show({ title: t(problem.isHidden ? 'moderation.restored' : 'moderation.hidden'), variant: 'success' }), onError },
    );
  };

  return (
    <section className="stack card" aria-labelledby="moderation-title">
      <h2 id="moderation-title">{t('moderation.title')}</h2>
      <form className="stack" onSubmit={handleVisibility}>
        <TextField label={t('moderation.reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
        <div className="form-footer">
          <Button type="submit" variant={problem.isHidden ? 'secondary' : 'danger'} isLoading={hide.isPending || restore.isPending}>
            {t(problem.isHidden ? 'moderation.restore' : 'moderation.hide')}
          </Button>
        </div>
      </form>
      {error && <Alert variant="danger">{error}</Alert>}
      {problem.status !== 'merged' && <MergeProblemForm slug={slug} problemId={problem.id} />}
    </section>
  );
}

export type MergeProblemFormProps = { slug: string; problemId: string; onMerged?: () => void };

/**
 * Merges a duplicate into the problem it repeats, found by its title: the same form on the
 * problem page and in the moderation queue.
 */
export function MergeProblemForm({ slug, problemId, onMerged }: MergeProblemFormProps) {
  const { t } = useTranslation([PROBLEMS_NS, 'errors']);
  const toast = useToast();
  const merge = useMergeProblem(slug, problemId);
  const [reason, setReason] = useState('');
  const [intoId, setIntoId] = useState('');
  const [query, setQuery] = useState('');
  const [error, setError] = useState<string | null>(null);
  const titleId = `merge-title-${problemId}`;
  const candidates = useProblemList(slug, { q: query.trim() || undefined }, query.trim().length >= 3);
  const found = query.trim().length >= 3 ? (candidates.data?.pages[0]?.items ?? []).filter((p) => p.id !== problemId).slice(0, 5) : [];

  const handleMerge = (event: FormEvent) => {
    event.preventDefault();
    const id = intoId.trim();
    if (!/^[0-9a-f-]{36}$/i.test(id)) return setError(t('errors:field.invalid_format'));
    setError(null);
    merge.mutate(
      { intoId: id, reason: reason.trim() || undefined },
      {
        onSuccess: () => {
          toast.show({ title: t('moderation.merged'), variant: 'success' });
          onMerged?.();
        },
        onError: (e) => setError(translateErrorCode(t, errorCodeOf(e))),
      },
    );
  };

  return (
    <form className="stack" onSubmit={handleMerge} aria-labelledby={titleId}>
      <h3 id={titleId}>{t('moderation.merge')}</h3>
      <TextField label={t('moderation.mergeSearch')} type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
      {found.length > 0 && (
        <ul className="similar__list">
          {found.map((p) => (
            <li key={p.id}>
              <Button variant="ghost" size="sm" onClick={() => setIntoId(p.id)} aria-pressed={intoId === p.id}>
                {t('moderation.mergePick', { title: p.title })}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <TextField label={t('moderation.mergeInto')} isLtr value={intoId} onChange={(e) => setIntoId(e.target.value)} />
      <TextField label={t('moderation.mergeReason')} value={reason} onChange={(e) => setReason(e.target.value)} />
      {error && <Alert variant="danger">{error}</Alert>}
      <div className="form-footer">
        <Button type="submit" variant="secondary" isLoading={merge.isPending}>
          {t('moderation.mergeSubmit')}
        </Button>
      </div>
    </form>
  );
}
