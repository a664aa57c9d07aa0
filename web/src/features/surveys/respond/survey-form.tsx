import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useForm, useWatch, type FieldValues, type Resolver } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import {
  buildDraftSchema,
  buildResponseSchema,
  visibleQuestions,
  type TAttachment,
  type TSurveyAnswers,
  type TSurveyBox,
  type TSurveyDefinition,
} from '@hamandishi/contracts';
import { Alert, Button } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { isApiError } from '@/lib/api-client';
import { errorCodeOf } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { pickLocalized } from '@/lib/locale';
import { useLocale } from '@/lib/use-locale';
import { ProgressBar } from '../components/progress-bar';
import type { LatLng } from '../lib/crosshair';
import { answerErrorCode, pagesOf } from '../lib/survey-texts';
import { useAutosave, type AutosaveStatus } from '../lib/use-autosave';
import { SURVEYS_NS } from '../surveys-i18n';
import { QuestionField } from './question-field';

export type SurveyFormProps = {
  definition: TSurveyDefinition;
  box: TSurveyBox;
  mapView: { center: LatLng; zoom: number };
  /** Seeds the order of randomised options. */
  seed: string;
  initialAnswers?: TSurveyAnswers;
  /** Ask for consent to keep the respondent's capacity, district, age band and gender. */
  askDemographics?: boolean;
  initialConsent?: boolean;
  /** Autosave of the draft; none in a preview. Rejecting marks the draft unsaved. */
  onDraft?: (answers: TSurveyAnswers) => Promise<unknown>;
  /** Receives the answers as the shared schema outputs them. A rejection with per-question codes puts them under the questions. */
  onSubmit: (answers: TSurveyAnswers, demographicsConsent: boolean) => Promise<unknown>;
  submitLabel: string;
  /** Uploads the image of a file question; without it (the preview) file questions say they cannot be tried. */
  onUploadImage?: (file: File) => Promise<TAttachment>;
  /** Said by a file question when there is no upload. */
  imageUploadNote?: string;
};

/** The draft that can be sent: answers the draft schema refuses (a half-typed number or day) are left out until they are whole. */
export function sendableDraft(schema: ReturnType<typeof buildDraftSchema>, answers: TSurveyAnswers): TSurveyAnswers {
  const current = { ...answers };
  for (let attempt = 0; attempt < 5; attempt++) {
    const result = schema.safeParse(current);
    if (result.success) return result.data as TSurveyAnswers;
    for (const issue of result.error.issues) {
      // An answer to a question no longer in the survey (kept from before the planner removed it) goes too.
      if (issue.code === 'unrecognized_keys') for (const key of issue.keys) delete current[key];
      else delete current[String(issue.path[0])];
    }
  }
  return {};
}

/**
 * The questionnaire as a respondent answers it, one page at a time, validated by the same schema
 * the server uses (`buildResponseSchema`). Conditional questions appear and disappear as answers
 * change; an answer to a question hidden again is kept in the form but never sent. The preview of
 * the builder renders this very component.
 */
export function SurveyForm({
  definition,
  box,
  mapView,
  seed,
  initialAnswers,
  askDemographics = false,
  initialConsent = false,
  onDraft,
  onSubmit,
  submitLabel,
  onUploadImage,
  imageUploadNote,
}: SurveyFormProps) {
  const { t } = useTranslation([SURVEYS_NS, 'errors', 'common']);
  const locale = useLocale();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [consent, setConsent] = useState(initialConsent);
  const [formError, setFormError] = useState<string | null>(null);
  const pages = useMemo(() => pagesOf(definition), [definition]);

  const resolver = useMemo<Resolver<FieldValues>>(() => {
    const schema = buildResponseSchema(definition, { box, locale });
    const resolve = zodResolver(schema as never) as unknown as Resolver<FieldValues>;
    return (values, context, options) => {
      // Hidden questions' answers stay in the form (they come back if the question does) but are not sent.
      const visible = new Set(visibleQuestions(definition, values));
      const shown = Object.fromEntries(Object.entries(values).filter(([id]) => visible.has(id)));
      return resolve(shown, context, options);
    };
  }, [definition, box, locale]);
  const draftSchema = useMemo(() => buildDraftSchema(definition, { box, locale }), [definition, box, locale]);

  const form = useForm<FieldValues>({
    resolver,
    defaultValues: initialAnswers ?? {},
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });
  const values = useWatch({ control: form.control }) as TSurveyAnswers;
  const visible = useMemo(() => new Set(visibleQuestions(definition, values)), [definition, values]);
  const visiblePages = pages
    .map((sections, index) => ({ index, sections }))
    .filter(({ sections }) => sections.some((s) => s.questions.some((q) => visible.has(q.id))));
  const [pageIndex, setPageIndex] = useState(0);
  const position = Math.max(
    0,
    visiblePages.findIndex((p) => p.index === pageIndex),
  );
  const page = visiblePages[position];
  const isLast = position >= visiblePages.length - 1;

  const draft = useMemo(() => sendableDraft(draftSchema, values), [draftSchema, values]);
  const status = useAutosave(draft, (answers) => onDraft?.(answers) ?? Promise.resolve(), {
    isEnabled: Boolean(onDraft),
  });

  const focusHeading = useRef(false);
  useEffect(() => {
    if (focusHeading.current) heading.current?.focus();
    focusHeading.current = false;
  }, [pageIndex]);
  const goTo = (index: number) => {
    focusHeading.current = true;
    setPageIndex(index);
  };

  const idsOn = (sections: (typeof pages)[number]) =>
    sections.flatMap((s) => s.questions.map((q) => q.id)).filter((id) => visible.has(id));

  const handleNext = async () => {
    if (!page) return;
    if (await form.trigger(idsOn(page.sections))) goTo(visiblePages[position + 1]!.index);
  };

  const handleSubmit = form.handleSubmit(
    async (answers) => {
      setFormError(null);
      try {
        await onSubmit(answers as TSurveyAnswers, askDemographics && consent);
      } catch (error) {
        const fields = isApiError(error) ? Object.entries(error.fields).filter(([id]) => visible.has(id)) : [];
        for (const [id, code] of fields) form.setError(id, { type: 'server', message: code });
        const first =
          fields[0] &&
          pages.findIndex((sections) => sections.some((s) => s.questions.some((q) => q.id === fields[0]![0])));
        if (first !== undefined && first >= 0 && first !== pageIndex) goTo(first);
        setFormError(translateErrorCode(t, errorCodeOf(error)));
      }
    },
    (errors) => {
      // The first page with a problem is shown (the schema checks every page at once).
      const first = pages.findIndex((sections) => sections.some((s) => s.questions.some((q) => errors[q.id])));
      if (first >= 0 && first !== pageIndex) goTo(first);
    },
  );

  if (!page) return <p className="muted">{t('respond.empty')}</p>;

  return (
    <form
      className="stack survey-form"
      noValidate
      onSubmit={(event) => void handleSubmit(event)}
      aria-labelledby={headingId}
    >
      <ProgressBar page={position + 1} pageCount={visiblePages.length} />
      {page.sections.map((section, s) => {
        const questions = section.questions.filter((q) => visible.has(q.id));
        if (questions.length === 0) return null;
        return (
          <section key={section.id} className="stack">
            {s === 0 ? (
              <h2 id={headingId} ref={heading} tabIndex={-1}>
                {section.title
                  ? pickLocalized(section.title, locale)
                  : t('respond.pageTitle', { page: formatNumber(position + 1, locale) })}
              </h2>
            ) : (
              section.title && <h3>{pickLocalized(section.title, locale)}</h3>
            )}
            {section.description && <p className="muted">{pickLocalized(section.description, locale)}</p>}
            {questions.map((question) => (
              <QuestionField
                key={question.id}
                question={question}
                control={form.control}
                errorCode={answerErrorCode(form.formState.errors[question.id] as never)}
                mapView={mapView}
                seed={seed}
                onUploadImage={onUploadImage}
                imageUploadNote={imageUploadNote}
              />
            ))}
          </section>
        );
      })}
      {isLast && askDemographics && (
        <label className="survey-choice">
          <input type="checkbox" checked={consent} onChange={(event) => setConsent(event.target.checked)} />
          {t('respond.demographicsConsent')}
        </label>
      )}
      {formError && <Alert variant="danger">{formError}</Alert>}
      <div className="survey-nav">
        {position > 0 ? (
          <Button variant="secondary" onClick={() => goTo(visiblePages[position - 1]!.index)}>
            {t('respond.previous')}
          </Button>
        ) : (
          <span />
        )}
        {isLast ? (
          <Button type="submit" isLoading={form.formState.isSubmitting}>
            {submitLabel}
          </Button>
        ) : (
          <Button onClick={() => void handleNext()}>{t('respond.next')}</Button>
        )}
      </div>
      {onDraft && <DraftStatus status={status} />}
    </form>
  );
}

function DraftStatus({ status }: { status: AutosaveStatus }) {
  const { t } = useTranslation(SURVEYS_NS);
  if (status === 'idle') return null;
  return (
    <p className="survey-status" role="status">
      {t(`respond.draft.${status}`)}
    </p>
  );
}
