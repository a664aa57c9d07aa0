import '../surveys.css';
import { useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Alert, useToast } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { usePageTitle } from '@/app/use-page-title';
import { useCurrentOrganization } from '@/features/organizations/pages/organization-layout';
import { QueryView } from '@/features/plans/components/query-view';
import { RequirePlanner } from '@/features/plans/manage/require-planner';
import { isApiError } from '@/lib/api-client';
import { errorCodeOf } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { useLocale } from '@/lib/use-locale';
import { useSaveSurveyDefinition, useSaveSurveySettings, useSurveyAdmin } from '../api/use-surveys';
import { previewBox } from '../lib/box';
import { SURVEYS_NS } from '../surveys-i18n';
import { SurveyBuilder } from './survey-builder';
import { SurveyCopyAndHistory } from './survey-copy-and-history';
import { SurveyInvites } from './survey-invites';
import { SurveySettingsForm } from './survey-settings-form';

/** `/:slug/manage/surveys/:activityId`: the planner builds the survey of a survey activity. */
export default function SurveyBuilderPage() {
  return (
    <RequirePlanner>
      <Builder />
    </RequirePlanner>
  );
}

function Builder() {
  const { slug = '', activityId = '' } = useParams();
  // The plan's manage page links here with its id, so the survey can be copied within the plan.
  const [searchParams] = useSearchParams();
  const planId = searchParams.get('plan');
  const { t } = useTranslation([SURVEYS_NS, 'errors']);
  const locale = useLocale();
  const toast = useToast();
  const organization = useCurrentOrganization();
  const survey = useSurveyAdmin(slug, activityId);
  const save = useSaveSurveyDefinition(slug, activityId);
  const saveSettings = useSaveSurveySettings(slug, activityId);
  const box = useMemo(() => previewBox(organization), [organization]);
  usePageTitle(t('builder.title'));
  const serverProblems =
    save.error && isApiError(save.error) && save.error.code === 'surveys.invalid_definition' ? save.error.fields : {};

  return (
    <article className="stack">
      <p className="survey-builder__links">
        <Link to={`/${slug}/surveys/${activityId}`}>{t('builder.toRespondent')}</Link>
        <Link to={`/${slug}/manage/surveys/${activityId}/results`}>{t('builder.toResults')}</Link>
      </p>
      <h1>{t('builder.title')}</h1>
      <QueryView query={survey}>
        {(data) => (
          <>
            <p className="muted">
              {t('builder.status', {
                version: formatNumber(data.version, locale),
                responses: formatNumber(data.responseCount, locale),
              })}
            </p>
            {save.error && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(save.error))}</Alert>}
            <SurveyBuilder
              // A new version from the server (another planner, a wording fix) restarts the editor from it.
              key={data.version}
              initialDefinition={data.definition}
              isFrozen={Boolean(data.frozenAt)}
              box={box}
              mapView={{ center: organization.mapCenter, zoom: organization.mapZoom }}
              serverProblems={serverProblems}
              isSaving={save.isPending}
              onSave={(definition) =>
                save.mutateAsync(
                  { definition, expectedVersion: data.version },
                  { onSuccess: () => toast.show({ title: t('builder.saved'), variant: 'success' }) },
                )
              }
            />
            <section className="stack" aria-labelledby="survey-settings-title">
              <h2 id="survey-settings-title">{t('builder.settings.title')}</h2>
              <SurveySettingsForm
                settings={data.settings}
                districts={organization.districts}
                onSave={(settings) => saveSettings.mutateAsync(settings)}
              />
            </section>
            {data.settings.audience.audience === 'invite_list' && <SurveyInvites slug={slug} activityId={activityId} />}
            <SurveyCopyAndHistory slug={slug} activityId={activityId} planId={planId} />
          </>
        )}
      </QueryView>
    </article>
  );
}
