import '../problems.css';
import { lazy, Suspense, useEffect, useId, useRef, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PROBLEM_CAPACITIES, ZCreateProblem, ZProblemCollectionSettings, type ProblemCapacity, type TCreateProblem, type TLatLng, type TOrganization } from '@hamandishi/contracts';
import { Alert, Button, PageHeader, Select, Spinner, TextField, useToast } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { useOrganizationRoles } from '@/features/identity/api/use-organization-roles';
import { useCurrentOrganization } from '@/features/organizations/pages/organization-layout';
import { newIdempotencyKey } from '@/lib/api-client';
import { applyServerFieldErrors, errorCodeOf, fieldErrorMessage } from '@/lib/errors';
import { useLocale } from '@/lib/use-locale';
import { useMyStakeholders } from '@/features/stakeholders/api/use-stakeholders';
import { useCreateProblem, useOpenProblemActivity } from '../api/use-problems';
import { PhotoPicker } from '../components/photo-picker';
import { districtOptions, themeOptions } from '../components/problem-bits';
import { SimilarProblems } from '../components/similar-problems';
import { clearDraft, emptyDraft, isDraftWorthRestoring, readDraft, writeDraft, type ProblemDraft } from '../lib/problem-draft';
import { PROBLEMS_NS } from '../problems-i18n';
import { usePageTitle } from '@/app/use-page-title';

const LocationPicker = lazy(() => import('../components/location-picker'));
const OTHER_ORGANISATION = 'other';

const FIELDS = ['title', 'description', 'themeId', 'location', 'districtId', 'photoIds', 'capacity', 'onBehalfOf', 'isAnonymous'] as const;

/** `/:slug/problems/new`: report a problem (signed-in only; visitors sign in and come back). */
export default function ReportProblemPage() {
  const { t } = useTranslation(PROBLEMS_NS);
  const organization = useCurrentOrganization();
  const location = useLocation();
  const roles = useOrganizationRoles(organization.slug);
  const open = useOpenProblemActivity(organization.slug);
  usePageTitle(t('form.title'));
  const settings = collectionSettings(open.activity?.settings);

  if (roles.isPending) return <Spinner size="lg" />;
  if (!roles.isSignedIn) return <Navigate to={`/${organization.slug}/sign-in?next=${encodeURIComponent(location.pathname)}`} replace />;
  return (
    <div className="stack page-narrow">
      <PageHeader title={t('form.title')} description={t('form.intro')} />
      {open.isPending ? (
        <Spinner size="lg" />
      ) : open.activity ? (
        <ReportProblemForm
          organization={organization}
          activityId={open.activity.id}
          capacities={roles.capacities.filter((c) => settings.capacities.includes(c))}
          isAnonymousAllowed={settings.allowAnonymous}
        />
      ) : (
        <Alert variant="info">{t('form.noActivity')}</Alert>
      )}
    </div>
  );
}

/** The activity's own rules for reports (who may file in which capacity, whether anonymously). */
function collectionSettings(raw: unknown): { capacities: readonly ProblemCapacity[]; allowAnonymous: boolean } {
  const parsed = ZProblemCollectionSettings.safeParse(raw ?? {});
  return parsed.success ? parsed.data : { capacities: PROBLEM_CAPACITIES, allowAnonymous: true };
}

export type ReportProblemFormProps = {
  organization: TOrganization;
  activityId: string;
  capacities: readonly ProblemCapacity[];
  isAnonymousAllowed?: boolean;
};

/** The report form; its unsent state is kept in localStorage per municipality. */
export function ReportProblemForm({ organization, activityId, capacities, isAnonymousAllowed = true }: ReportProblemFormProps) {
  const { t } = useTranslation([PROBLEMS_NS, 'errors']);
  const locale = useLocale();
  const navigate = useNavigate();
  const toast = useToast();
  const id = useId();
  const slug = organization.slug;
  const [restored] = useState(() => readDraft(slug));
  const draft = useRef<ProblemDraft>(isDraftWorthRestoring(restored) ? restored : emptyDraft());
  const [isRestored, setIsRestored] = useState(isDraftWorthRestoring(restored));
  const [photos, setPhotos] = useState(draft.current.photos);
  const [isDistrictOnly, setIsDistrictOnly] = useState(draft.current.isDistrictOnly);
  const [formError, setFormError] = useState<string | null>(null);
  const create = useCreateProblem(slug);

  const form = useForm<TCreateProblem>({
    resolver: zodResolver(ZCreateProblem),
    defaultValues: { ...emptyDraft().values, ...draft.current.values, photoIds: photos.map((p) => p.id) },
  });
  const values = form.watch();
  const { errors } = form.formState;
  // An NGO representative linked to registered stakeholders files for one of them (or types a name).
  const myStakeholders = useMyStakeholders(slug, values.capacity === 'ngo');
  // Each field's own words first ("write a title", "choose a theme"), the generic text otherwise.
  const err = (name: (typeof FIELDS)[number], wording: string = name) =>
    fieldErrorMessage(t, errors[name] as never, `${PROBLEMS_NS}:form.fieldErrors.${wording}`);

  // Keep the draft in step with every change.
  useEffect(() => {
    draft.current = { ...draft.current, values: { ...values, photoIds: photos.map((p) => p.id) }, photos, isDistrictOnly };
    writeDraft(slug, draft.current);
  }, [JSON.stringify(values), photos, isDistrictOnly, slug]);

  const handlePhotos = (next: typeof photos) => {
    setPhotos(next);
    form.setValue('photoIds', next.map((p) => p.id));
  };

  const handleDistrictOnly = (checked: boolean) => {
    setIsDistrictOnly(checked);
    if (checked) form.setValue('location', null);
    else form.setValue('districtId', null);
  };

  const handleDiscard = () => {
    clearDraft(slug);
    draft.current = emptyDraft();
    setPhotos([]);
    setIsDistrictOnly(false);
    setIsRestored(false);
    form.reset(draft.current.values);
  };

  const handleSubmit = form.handleSubmit((values) => {
    setFormError(null);
    const input = {
      ...values,
      stakeholderId: values.capacity === 'ngo' ? (values.stakeholderId ?? null) : null,
      isAnonymous: isAnonymousAllowed && Boolean(values.isAnonymous),
    };
    const body = JSON.stringify(input);
    // The same report retried keeps its key (no duplicate); a changed report is a new attempt.
    if (draft.current.sentBody !== null && draft.current.sentBody !== body) draft.current.idempotencyKey = newIdempotencyKey();
    draft.current.sentBody = body;
    writeDraft(slug, draft.current);
    create.mutate(
      { activityId, input, idempotencyKey: draft.current.idempotencyKey },
      {
        onSuccess: (problem) => {
          clearDraft(slug);
          toast.show({ title: t('form.submitted'), variant: 'success' });
          void navigate(`/${slug}/problems/${problem.id}`);
        },
        onError: (error) => {
          if (!applyServerFieldErrors(error, form.setError, FIELDS)) setFormError(translateErrorCode(t, errorCodeOf(error)));
        },
      },
    );
  });

  return (
    <form className="stack" onSubmit={(e) => void handleSubmit(e)} noValidate>
      {isRestored && (
        <Alert variant="info">
          <p>{t('form.draftRestored')}</p>
          <Button size="sm" variant="ghost" onClick={handleDiscard}>
            {t('form.discardDraft')}
          </Button>
        </Alert>
      )}
      <TextField label={t('form.fields.title')} error={err('title')} maxLength={150} {...form.register('title')} />
      <SimilarProblems slug={slug} title={values.title ?? ''} location={values.location} />
      <div className="field">
        <label className="field__label" htmlFor={`${id}-description`}>
          {t('form.fields.description')}
        </label>
        <textarea
          id={`${id}-description`}
          className="field__input textarea"
          rows={5}
          aria-invalid={err('description') ? true : undefined}
          aria-describedby={err('description') ? `${id}-description-error` : undefined}
          {...form.register('description')}
        />
        {err('description') && (
          <p className="field__error" id={`${id}-description-error`}>
            {err('description')}
          </p>
        )}
      </div>
      <Controller
        control={form.control}
        name="themeId"
        render={({ field }) => (
          <Select
            label={t('form.fields.theme')}
            placeholder={t('form.fields.themePlaceholder')}
            value={field.value || undefined}
            options={themeOptions(organization, locale, { isForNewItem: true })}
            onValueChange={field.onChange}
            error={err('themeId')}
          />
        )}
      />
      <fieldset className="fieldset stack">
        <legend>{t('form.fields.location')}</legend>
        <label className="checkbox">
          <input type="checkbox" checked={isDistrictOnly} onChange={(e) => handleDistrictOnly(e.target.checked)} />
          {t('form.fields.districtOnly')}
        </label>
        {isDistrictOnly ? (
          <Controller
            control={form.control}
            name="districtId"
            render={({ field }) => (
              <Select
                label={t('form.fields.district')}
                placeholder={t('form.fields.districtPlaceholder')}
                value={field.value ?? undefined}
                options={districtOptions(organization, locale)}
                onValueChange={field.onChange}
                error={err('location', 'district')}
              />
            )}
          />
        ) : (
          <>
            <p className="field__hint">{t('form.fields.pickOnMap')}</p>
            <Suspense
              fallback={
                <div className="map-placeholder map-placeholder--picker">
                  <Spinner />
                </div>
              }
            >
              <LocationPicker
                organization={organization}
                value={values.location}
                onChange={(point: TLatLng) => form.setValue('location', point, { shouldValidate: form.formState.isSubmitted })}
              />
            </Suspense>
            <p role="status" className="muted">
              {values.location ? t('form.fields.pointChosen') : ''}
            </p>
            {values.location && (
              <div>
                <Button size="sm" variant="ghost" onClick={() => form.setValue('location', null)}>
                  {t('form.fields.clearPoint')}
                </Button>
              </div>
            )}
            {err('location') && <p className="field__error">{err('location')}</p>}
          </>
        )}
      </fieldset>
      <PhotoPicker slug={slug} photos={photos} onChange={handlePhotos} />
      {capacities.length > 1 && (
        <Controller
          control={form.control}
          name="capacity"
          render={({ field }) => (
            <Select
              label={t('form.fields.capacity')}
              value={field.value ?? 'citizen'}
              options={capacities.map((c) => ({ value: c, label: t(`capacities.${c}`) }))}
              onValueChange={field.onChange}
            />
          )}
        />
      )}
      {values.capacity === 'ngo' && (myStakeholders.data?.items.length ?? 0) > 0 && (
        <Select
          label={t('form.fields.stakeholderId')}
          value={values.stakeholderId ?? OTHER_ORGANISATION}
          options={[
            ...myStakeholders.data!.items.map((s) => ({ value: s.id, label: s.name })),
            { value: OTHER_ORGANISATION, label: t('form.fields.otherOrganisation') },
          ]}
          onValueChange={(v) => form.setValue('stakeholderId', v === OTHER_ORGANISATION ? null : v)}
        />
      )}
      {values.capacity === 'ngo' && !values.stakeholderId && (
        <TextField label={t('form.fields.onBehalfOf')} error={err('onBehalfOf')} {...form.register('onBehalfOf')} />
      )}
      {isAnonymousAllowed && (
        <label className="checkbox">
          <input type="checkbox" {...form.register('isAnonymous')} />
          {t('form.fields.isAnonymous')}
        </label>
      )}
      {formError && <Alert variant="danger">{formError}</Alert>}
      <div className="form-footer">
        <Button type="submit" size="lg" isLoading={create.isPending}>
          {t('form.submit')}
        </Button>
      </div>
    </form>
  );
}
