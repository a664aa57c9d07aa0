import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components';
import { usePageTitle } from '@/app/use-page-title';
import { RequirePlanner } from '@/features/plans/manage/require-planner';
import { SurveyExportPanel } from './survey-export-panel';
import { SURVEY_EXPORT_NS } from './survey-export-i18n';

/** `/:slug/manage/surveys/:activityId/export`: the planner's exports of a survey's responses. */
export default function SurveyExportPage() {
  return (
    <RequirePlanner>
      <SurveyExportScreen />
    </RequirePlanner>
  );
}

function SurveyExportScreen() {
  const { slug = '', activityId = '' } = useParams();
  const { t } = useTranslation(SURVEY_EXPORT_NS);
  usePageTitle(t('title'));
  return (
    <article className="stack">
      <PageHeader title={t('title')} />
      <SurveyExportPanel slug={slug} activityId={activityId} />
    </article>
  );
}
