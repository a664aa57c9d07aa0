import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Alert, Button, DateText, Select, useToast } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { usePlan } from '@/features/plans/api/use-plans';
import { errorCodeOf } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { pickLocalized } from '@/lib/locale';
import { useLocale } from '@/lib/use-locale';
import { surveyQuestions } from '@hamandishi/contracts';
import { useDuplicateSurvey, useSurveyVersions } from '../api/use-surveys';
import { SURVEYS_NS } from '../surveys-i18n';

export type SurveyCopyAndHistoryProps = { slug: string; activityId: string; planId: string | null };

/** Copying the survey into another survey activity of the plan, and the versions wording fixes left behind. */
export function SurveyCopyAndHistory({ slug, activityId, planId }: SurveyCopyAndHistoryProps) {
  const { t } = useTranslation([SURVEYS_NS, 'errors']);
  return (
    <section className="stack" aria-labelledby="survey-copy-title">
      <h2 id="survey-copy-title">{t('builder.copy.title')}</h2>
      {planId ? (
        <CopyForm slug={slug} activityId={activityId} planId={planId} />
      ) : (
        <p className="muted">{t('builder.copy.fromPlan')}</p>
      )}
      <Versions slug={slug} activityId={activityId} />
    </section>
  );
}

function CopyForm({ slug, activityId, planId }: { slug: string; activityId: string; planId: string }) {
  const { t } = useTranslation([SURVEYS_NS, 'errors']);
  const locale = useLocale();
  const toast = useToast();
  const plan = usePlan(slug, planId);
  const duplicate = useDuplicateSurvey(slug, activityId);
  const [target, setTarget] = useState('');
  const options = (plan.data?.stages ?? []).flatMap((stage) =>
    stage.activities
      .filter((activity) => activity.type === 'survey' && activity.id !== activityId)
      .map((activity) => ({
        value: activity.id,
        label: `${pickLocalized(stage.title, locale)} › ${pickLocalized(activity.title, locale)}`,
      })),
  );
  if (plan.isSuccess && options.length === 0) return <p className="muted">{t('builder.copy.none')}</p>;
  return (
    <form
      className="stack"
      onSubmit={(event) => {
        event.preventDefault();
        if (!target) return;
        duplicate.mutate(
          { targetActivityId: target },
          { onSuccess: () => toast.show({ title: t('builder.copy.done'), variant: 'success' }) },
        );
      }}
    >
      <Select
        label={t('builder.copy.target')}
        value={target}
        options={options}
        onValueChange={setTarget}
        placeholder={t('builder.copy.choose')}
      />
      {duplicate.isError && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(duplicate.error))}</Alert>}
      {duplicate.isSuccess && (
        <p>
          <Link to={`/${slug}/manage/surveys/${duplicate.data.activityId}?plan=${planId}`}>
            {t('builder.copy.open')}
          </Link>
        </p>
      )}
      <div>
        <Button type="submit" variant="secondary" disabled={!target} isLoading={duplicate.isPending}>
          {t('builder.copy.submit')}
        </Button>
      </div>
    </form>
  );
}

function Versions({ slug, activityId }: { slug: string; activityId: string }) {
  const { t } = useTranslation(SURVEYS_NS);
  const locale = useLocale();
  const versions = useSurveyVersions(slug, activityId);
  const items = versions.data?.items ?? [];
  return (
    <div className="stack">
      <h3>{t('builder.versions.title')}</h3>
      {items.length === 0 ? (
        <p className="muted">{t('builder.versions.none')}</p>
      ) : (
        <ul>
          {items.map((version) => (
            <li key={version.version}>
              {t('builder.versions.item', {
                version: formatNumber(version.version, locale),
                questions: formatNumber(surveyQuestions(version.definition).length, locale),
              })}{' '}
              <DateText value={version.createdAt} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
