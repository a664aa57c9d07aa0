import '../surveys.css';
import { useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TSurveyForRespondent } from '@hamandishi/contracts';
import { Alert, Button, Spinner } from '@/components';
import { ErrorView } from '@/app/error-page';
import { translateErrorCode } from '@/app/i18n';
import { usePageTitle } from '@/app/use-page-title';
import { useSession } from '@/features/identity/api/use-session';
import { useCurrentOrganization } from '@/features/organizations/pages/organization-layout';
import { isApiError, newIdempotencyKey } from '@/lib/api-client';
import { errorCodeOf } from '@/lib/errors';
import { formatDateTime } from '@/lib/format';
import { pickLocalized } from '@/lib/locale';
import { useLocale } from '@/lib/use-locale';
import { saveSurveyDraft, uploadSurveyImage, useSubmitSurveyResponse, useSurveyToAnswer } from '../api/use-surveys';
import { SURVEYS_NS } from '../surveys-i18n';
import { SurveyForm } from './survey-form';

/** `/:slug/surveys/:activityId[?invite=token]`: answer a survey, one page at a time, on a phone first. */
export default function SurveyPage() {
  const { slug = '', activityId = '' } = useParams();
  const [search] = useSearchParams();
  const invite = search.get('invite');
  const survey = useSurveyToAnswer(slug, activityId, invite);
  const { t } = useTranslation([SURVEYS_NS, 'errors', 'common']);
  const locale = useLocale();
  usePageTitle(survey.data ? pickLocalized(survey.data.title, locale) : undefined);

  if (survey.isPending) return <Spinner size="lg" />;
  if (survey.isError) {
    const error = survey.error;
    if (isApiError(error, 404)) return <ErrorView status={404} />;
    const isSignInHelpful = isApiError(error, 401);
    return (
      <article className="stack survey">
        <h1>{t('title')}</h1>
        <Alert variant={isApiError(error, 409) ? 'info' : 'danger'}>
          <p>{translateErrorCode(t, errorCodeOf(error))}</p>
          {isSignInHelpful && (
            <Link
              to={`/${slug}/sign-in?next=${encodeURIComponent(`/${slug}/surveys/${activityId}${invite ? `?invite=${encodeURIComponent(invite)}` : ''}`)}`}
            >
              {t('respond.signIn')}
            </Link>
          )}
          {!isApiError(error) || error.status >= 500 || error.code === 'network' ? (
            <Button variant="secondary" size="sm" onClick={() => void survey.refetch()}>
              {t('common:actions.retry')}
            </Button>
          ) : null}
        </Alert>
      </article>
    );
  }
  return <Answering slug={slug} activityId={activityId} invite={invite} survey={survey.data} />;
}

function Answering({
  slug,
  activityId,
  invite,
  survey,
}: {
  slug: string;
  activityId: string;
  invite: string | null;
  survey: TSurveyForRespondent;
}) {
  const { t } = useTranslation(SURVEYS_NS);
  const locale = useLocale();
  const organization = useCurrentOrganization();
  const session = useSession();
  const submit = useSubmitSurveyResponse(slug, activityId, invite);
  // One key per form on screen: a retried submission (a lost answer, a double tap) is the same one.
  const idempotencyKey = useRef(newIdempotencyKey());
  const response = survey.response;
  const isSubmitted = response?.status === 'submitted' || response?.submittedAt != null;
  // An edit of a submitted response autosaved elsewhere (another device) is resumed, not hidden.
  const [isEditing, setIsEditing] = useState(Boolean(isSubmitted && response?.hasDraft));
  const isOpen = !survey.closesAt || new Date(survey.closesAt).getTime() > Date.now();
  // Drafts are kept on the server for someone it can recognise again: an account or a personal link.
  const canKeepDraft = Boolean(invite || session.data?.account);

  return (
    <article className="stack survey">
      <header className="stack">
        <h1>{pickLocalized(survey.title, locale)}</h1>
        {survey.description && <p>{pickLocalized(survey.description, locale)}</p>}
        {survey.closesAt && (
          <p className="muted">{t('respond.closesAt', { date: formatDateTime(survey.closesAt, locale) })}</p>
        )}
        <p className="muted">{t(survey.anonymous ? 'respond.anonymous' : 'respond.identified')}</p>
      </header>
      {isSubmitted && !isEditing ? (
        <Alert variant="success">
          <p>{t('respond.thanks')}</p>
          {isOpen && (
            <Button variant="secondary" size="sm" onClick={() => setIsEditing(true)}>
              {t('respond.edit')}
            </Button>
          )}
        </Alert>
      ) : (
        <SurveyForm
          key={`${survey.version}:${isEditing}`}
          definition={survey.definition}
          box={survey.box}
          mapView={{ center: organization.mapCenter, zoom: organization.mapZoom }}
          seed={`${activityId}:${session.data?.account?.id ?? invite ?? ''}`}
          initialAnswers={response?.answers}
          askDemographics={survey.askDemographics}
          initialConsent={response?.demographicsConsent}
          onDraft={canKeepDraft ? (answers) => saveSurveyDraft(slug, activityId, invite, { answers }) : undefined}
          onUploadImage={
            session.data?.account ? (file) => uploadSurveyImage(slug, activityId, invite, file) : undefined
          }
          imageUploadNote={t('respond.fileNeedsSignIn')}
          onSubmit={async (answers, demographicsConsent) => {
            await submit.mutateAsync({
              input: { answers, ...(survey.askDemographics ? { demographicsConsent } : {}) },
              isEdit: isSubmitted,
              idempotencyKey: idempotencyKey.current,
            });
            setIsEditing(false);
          }}
          submitLabel={t(isSubmitted ? 'respond.saveEdit' : 'respond.submit')}
        />
      )}
    </article>
  );
}
