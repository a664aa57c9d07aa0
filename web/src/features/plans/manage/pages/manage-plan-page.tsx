import '../manage.css';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TActivity, TCommittee, TPlan, TStage, TUpstreamDocument } from '@hamandishi/contracts';
import { Button, Dialog, DialogClose, PageHeader, useToast } from '@/components';
import { useCurrentOrganization } from '@/features/organizations/pages/organization-layout';
import { formatNumber } from '@/lib/format';
import { pickLocalized } from '@/lib/locale';
import { useLocale } from '@/lib/use-locale';
import { usePlan } from '../../api/use-plans';
import { Badge, DateRange, ParticipationText, PlanStatusBadge, StageStatusBadge } from '../../components/plan-bits';
import { QueryView } from '../../components/query-view';
import { AttachmentManager } from '../attachment-manager';
import { SaveError } from '../fields';
import { MANAGE_NS } from '../manage-i18n';
import { ManagedListSection, ManagedRow, useSavedToast } from '../managed-list';
import { PlanForm } from '../plan-form';
import { CommitteeForm, UpstreamDocumentForm } from '../plan-part-forms';
import { PlanStatusForm, RevisionForm } from '../plan-status-forms';
import { RequirePlanner } from '../require-planner';
import { ActivityForm, StageForm } from '../stage-forms';
import {
  useActivityWindow,
  useCreateActivity,
  useCreateStage,
  useDeleteCommittee,
  useDeleteStage,
  useDeleteUpstreamDocument,
  useReorderStages,
  useSaveCommittee,
  useSaveUpstreamDocument,
  useUpdateActivity,
  useUpdatePlan,
  useUpdateStage,
} from '../use-manage-plans';
import { usePageTitle } from '@/app/use-page-title';
import { STAKEHOLDERS_NS } from '@/features/stakeholders/stakeholders-i18n';

/** `/:slug/manage/plans/:planId`: everything a planner changes on one plan. */
export default function ManagePlanPage() {
  return (
    <RequirePlanner>
      <ManagePlanLoader />
    </RequirePlanner>
  );
}

function ManagePlanLoader() {
  const { planId = '' } = useParams();
  const organization = useCurrentOrganization();
  const plan = usePlan(organization.slug, planId);
  const { t } = useTranslation(MANAGE_NS);
  const locale = useLocale();
  usePageTitle(plan.data && t('plan.title', { title: pickLocalized(plan.data.title, locale) }));
  return <QueryView query={plan}>{(data) => <ManagePlan slug={organization.slug} plan={data} />}</QueryView>;
}

function ManagePlan({ slug, plan }: { slug: string; plan: TPlan }) {
  const { t } = useTranslation([MANAGE_NS, 'plans', 'common']);
  const locale = useLocale();
  const toast = useToast();
  const update = useUpdatePlan(slug, plan.id);
  const title = pickLocalized(plan.title, locale);

  return (
    <div className="stack manage">
      <p>
        <Link to={`/${slug}/manage/plans`}>{t('plan.backToList')}</Link>
      </p>
      <PageHeader
        title={t('plan.title', { title })}
        actions={
          <div className="plan-header__meta">
            <PlanStatusBadge status={plan.status} />
            <Link to={`/${slug}/plans/${plan.id}`}>{t('plan.viewPublic')}</Link>
            <Link to={`/${slug}/manage/plans/${plan.id}/sessions`}>{t('thinktankSessions')}</Link>
            <Link to={`/${slug}/manage/demands?planId=${plan.id}`}>{t('plan.demands')}</Link>
            <Link to={`/${slug}/manage/plans/${plan.id}/strategy`}>{t('plan.structure')}</Link>
            <Link to={`/${slug}/manage/plans/${plan.id}/monitoring`}>{t('strategyMonitoringLink')}</Link>
          </div>
        }
      />

      <section className="card" aria-labelledby="manage-details">
        <h2 id="manage-details">{t('plan.details')}</h2>
        <details className="disclosure">
          <summary>{t('plan.editDetails')}</summary>
          <PlanForm
          plan={plan}
          submitLabel={t('common:actions.save')}
          error={update.error}
          onSubmit={async (values) => {
            await update.mutateAsync(values);
            toast.show({ title: t('common:toast.saved'), variant: 'success' });
          }}
          />
        </details>
      </section>

      <section className="card" aria-labelledby="manage-status">
        <h2 id="manage-status">{t('status.title')}</h2>
        <PlanStatusForm slug={slug} plan={plan} />
      </section>

      <p>
        <Link to={`/${slug}/manage/stakeholders?planId=${plan.id}&tab=grid`}>{t(`${STAKEHOLDERS_NS}:planLink`)}</Link>
      </p>

      <StagesSection slug={slug} plan={plan} />
      <CommitteesSection slug={slug} plan={plan} />
      <UpstreamSection slug={slug} plan={plan} />

      <section className="card" aria-labelledby="manage-attachments">
        <h2 id="manage-attachments">{t('attachments.planTitle')}</h2>
        <AttachmentManager slug={slug} owner={{ type: 'plan', id: plan.id }} attachments={plan.attachments} label={t('attachments.choose')} />
      </section>

      <section className="card" aria-labelledby="manage-revisions">
        <h2 id="manage-revisions">{t('revision.title')}</h2>
        {plan.revisions.length > 0 && (
          <ul>
            {plan.revisions.map((revision) => (
              <li key={revision.id}>
                {t('plans:plan.revisionYear', { year: formatNumber(revision.year, locale) })}: {revision.summary}
              </li>
            ))}
          </ul>
        )}
        <RevisionForm slug={slug} planId={plan.id} />
      </section>
    </div>
  );
}

function StagesSection({ slug, plan }: { slug: string; plan: TPlan }) {
  const { t } = useTranslation([MANAGE_NS, 'common']);
  const toast = useToast();
  const create = useCreateStage(slug, plan.id);
  const reorder = useReorderStages(slug, plan.id);
  const stages = [...plan.stages].sort((a, b) => a.position - b.position);

  const move = (index: number, delta: -1 | 1) => {
    const ids = stages.map((stage) => stage.id);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + delta, 0, moved);
    reorder.mutate(ids, { onSuccess: () => toast.show({ title: t('stage.reordered'), variant: 'success' }) });
  };

  return (
    <section className="card" aria-labelledby="manage-stages">
      <h2 id="manage-stages">{t('stage.title')}</h2>
      <SaveError error={reorder.error} />
      {stages.length === 0 && <p className="muted">{t('stage.empty')}</p>}
      <ol className="stack plain-list">
        {stages.map((stage, index) => (
          <StageCard
            key={stage.id}
            slug={slug}
            stage={stage}
            index={index}
            canMoveUp={index > 0}
            canMoveDown={index < stages.length - 1}
            isMoving={reorder.isPending}
            onMove={(delta) => move(index, delta)}
          />
        ))}
      </ol>
      <details className="disclosure">
        <summary>{t('stage.add')}</summary>
        <StageForm
          submitLabel={t('stage.create')}
          error={create.error}
          onSubmit={async (values) => {
            await create.mutateAsync(values);
            toast.show({ title: t('stage.created'), variant: 'success' });
          }}
        />
      </details>
    </section>
  );
}

type StageCardProps = {
  slug: string;
  stage: TStage;
  index: number;
  canMoveUp: boolean;
  canMoveDown: boolean;
  isMoving: boolean;
  onMove: (delta: -1 | 1) => void;
};

function StageCard({ slug, stage, index, canMoveUp, canMoveDown, isMoving, onMove }: StageCardProps) {
  const { t } = useTranslation([MANAGE_NS, 'plans', 'common']);
  const locale = useLocale();
  const toast = useToast();
  const update = useUpdateStage(slug);
  const remove = useDeleteStage(slug);
  const createActivity = useCreateActivity(slug);
  const [isDeleting, setIsDeleting] = useState(false);
  const title = pickLocalized(stage.title, locale);
  const number = formatNumber(index + 1, locale);

  const setOverride = (statusOverride: TStage['statusOverride']) =>
    update.mutate(
      { stageId: stage.id, input: { statusOverride } },
      { onSuccess: () => toast.show({ title: t(`stage.override.done.${statusOverride ?? 'auto'}`), variant: 'success' }) },
    );

  return (
    <li className="manage-stage" aria-labelledby={`stage-${stage.id}-title`}>
      <h3 id={`stage-${stage.id}-title`} className="card__title">
        {t('stage.heading', { number, title })}
      </h3>
      <div className="plan-header__meta">
        <StageStatusBadge status={stage.status} />
        {stage.statusOverride && <Badge tone="warning">{t('stage.override.manual')}</Badge>}
        <DateRange start={stage.startsOn} end={stage.endsOn} isDay />
      </div>
      <SaveError error={update.error ?? remove.error} />
      <div className="button-row">
        <Button variant="secondary" size="sm" disabled={!canMoveUp || isMoving} onClick={() => onMove(-1)} aria-label={t('stage.moveUp', { title })}>
          <span aria-hidden="true">↑</span>
        </Button>
        <Button variant="secondary" size="sm" disabled={!canMoveDown || isMoving} onClick={() => onMove(1)} aria-label={t('stage.moveDown', { title })}>
          <span aria-hidden="true">↓</span>
        </Button>
        {stage.status !== 'open' && (
          <Button size="sm" isLoading={update.isPending} onClick={() => setOverride('open')}>
            {t('stage.override.open')}
          </Button>
        )}
        {stage.status === 'open' && (
          <Button variant="secondary" size="sm" isLoading={update.isPending} onClick={() => setOverride('closed')}>
            {t('stage.override.close')}
          </Button>
        )}
        {stage.statusOverride && (
          <Button variant="ghost" size="sm" isLoading={update.isPending} onClick={() => setOverride(null)}>
            {t('stage.override.auto')}
          </Button>
        )}
        <Button variant="danger" size="sm" onClick={() => setIsDeleting(true)}>
          {t('stage.delete')}
        </Button>
      </div>

      <details className="disclosure">
        <summary>{t('stage.edit')}</summary>
        <StageForm
          stage={stage}
          submitLabel={t('common:actions.save')}
          error={update.error}
          onSubmit={async (values) => {
            await update.mutateAsync({ stageId: stage.id, input: values });
            toast.show({ title: t('common:toast.saved'), variant: 'success' });
          }}
        />
      </details>

      <h4 className="manage-stage__subtitle">{t('activity.title')}</h4>
      {stage.activities.length === 0 ? (
        <p className="muted">{t('activity.empty')}</p>
      ) : (
        <ul className="stack plain-list">
          {[...stage.activities]
            .sort((a, b) => a.position - b.position)
            .map((activity) => (
              <ActivityRow key={activity.id} slug={slug} activity={activity} />
            ))}
        </ul>
      )}
      <details className="disclosure">
        <summary>{t('activity.add')}</summary>
        <ActivityForm
          submitLabel={t('activity.create')}
          error={createActivity.error}
          onSubmit={async (values) => {
            await createActivity.mutateAsync({ stageId: stage.id, input: values });
            toast.show({ title: t('activity.created'), variant: 'success' });
          }}
        />
      </details>

      <h4 className="manage-stage__subtitle">{t('attachments.stageTitle')}</h4>
      <AttachmentManager slug={slug} owner={{ type: 'stage', id: stage.id }} attachments={stage.attachments} label={t('attachments.choose')} />

      <Dialog
        isOpen={isDeleting}
        onOpenChange={setIsDeleting}
        title={t('stage.deleteTitle', { title })}
        description={t('stage.deleteBody')}
        actions={
          <>
            <DialogClose asChild>
              <Button variant="secondary">{t('common:actions.cancel')}</Button>
            </DialogClose>
            <Button
              variant="danger"
              isLoading={remove.isPending}
              onClick={() => remove.mutate(stage.id, { onSuccess: () => setIsDeleting(false) })}
            >
              {t('stage.delete')}
            </Button>
          </>
        }
      >
        <SaveError error={remove.error} />
      </Dialog>
    </li>
  );
}

function ActivityRow({ slug, activity }: { slug: string; activity: TActivity }) {
  const { t } = useTranslation([MANAGE_NS, 'plans', 'common']);
  const { planId = '' } = useParams();
  const locale = useLocale();
  const toast = useToast();
  const update = useUpdateActivity(slug);
  const windowAction = useActivityWindow(slug);
  const title = pickLocalized(activity.title, locale);

  return (
    <li className="manage-activity">
      <p className="manage-activity__title">
        <strong>{title}</strong> <Badge tone="info">{t(`plans:activityTypes.${activity.type}`)}</Badge>{' '}
        <Badge tone={activity.isOpen ? 'success' : 'neutral'}>{t(activity.isOpen ? 'plans:stage.open' : 'plans:stage.closed')}</Badge>
      </p>
      <p className="muted">
        <DateRange start={activity.opensAt} end={activity.closesAt} /> · <ParticipationText participation={activity.participation} />
      </p>
      <SaveError error={windowAction.error} />
      <div className="button-row">
        <Button
          size="sm"
          variant={activity.isOpen ? 'secondary' : 'primary'}
          isLoading={windowAction.isPending}
          onClick={() =>
            windowAction.mutate(
              { activityId: activity.id, action: activity.isOpen ? 'close' : 'open' },
              { onSuccess: () => toast.show({ title: t(activity.isOpen ? 'activity.closedNow' : 'activity.openedNow'), variant: 'success' }) },
            )
          }
        >
          {t(activity.isOpen ? 'activity.closeNow' : 'activity.openNow', { title })}
        </Button>
        {activity.type === 'consultation' && (
          <Link className="btn btn--secondary btn--sm" to={`/${slug}/manage/consultations/${activity.id}`}>
            {t('activity.manageConsultation', { title })}
          </Link>
        )}
        {activity.type === 'survey' && (
          <Link className="btn btn--secondary btn--sm" to={`/${slug}/manage/surveys/${activity.id}?plan=${planId}`}>
            {t('activity.manageSurvey', { title })}
          </Link>
        )}
      </div>
      <details className="disclosure">
        <summary>{t('activity.edit', { title })}</summary>
        <ActivityForm
          activity={activity}
          submitLabel={t('common:actions.save')}
          error={update.error}
          onSubmit={async ({ type: _type, ...input }) => {
            await update.mutateAsync({ activityId: activity.id, input });
            toast.show({ title: t('common:toast.saved'), variant: 'success' });
          }}
        />
      </details>
    </li>
  );
}

function CommitteesSection({ slug, plan }: { slug: string; plan: TPlan }) {
  const { t } = useTranslation([MANAGE_NS, 'common']);
  const showSaved = useSavedToast();
  const save = useSaveCommittee(slug, plan.id);
  return (
    <ManagedListSection
      id="manage-committees"
      title={t('committee.title')}
      emptyText={t('committee.empty')}
      isEmpty={plan.committees.length === 0}
      addLabel={t('committee.add')}
      addForm={
        <CommitteeForm
          submitLabel={t('committee.create')}
          error={save.error}
          onSubmit={async (input) => {
            await save.mutateAsync({ input });
            showSaved();
          }}
        />
      }
    >
      {plan.committees.map((committee) => (
        <CommitteeRow key={committee.id} slug={slug} planId={plan.id} committee={committee} />
      ))}
    </ManagedListSection>
  );
}

function CommitteeRow({ slug, planId, committee }: { slug: string; planId: string; committee: TCommittee }) {
  const { t } = useTranslation([MANAGE_NS, 'common']);
  const locale = useLocale();
  const showSaved = useSavedToast();
  const save = useSaveCommittee(slug, planId);
  const remove = useDeleteCommittee(slug);
  const name = pickLocalized(committee.name, locale);
  return (
    <ManagedRow
      heading={<Link to={`/${slug}/committees/${committee.id}`}>{name}</Link>}
      editLabel={t('committee.edit', { name })}
      editForm={
        <CommitteeForm
          committee={committee}
          submitLabel={t('common:actions.save')}
          error={save.error}
          onSubmit={async (input) => {
            await save.mutateAsync({ committeeId: committee.id, input });
            showSaved();
          }}
        />
      }
      deleteLabel={t('committee.delete', { name })}
      isDeleting={remove.isPending}
      deleteError={remove.error}
      onDelete={() => remove.mutate(committee.id)}
    />
  );
}

function UpstreamSection({ slug, plan }: { slug: string; plan: TPlan }) {
  const { t } = useTranslation([MANAGE_NS, 'common']);
  const showSaved = useSavedToast();
  const save = useSaveUpstreamDocument(slug, plan.id);
  return (
    <ManagedListSection
      id="manage-upstream"
      title={t('upstream.title')}
      emptyText={t('upstream.empty')}
      isEmpty={plan.upstreamDocuments.length === 0}
      addLabel={t('upstream.add')}
      addForm={
        <UpstreamDocumentForm
          submitLabel={t('upstream.create')}
          error={save.error}
          onSubmit={async (input) => {
            await save.mutateAsync({ input });
            showSaved();
          }}
        />
      }
    >
      {plan.upstreamDocuments.map((document) => (
        <UpstreamRow key={document.id} slug={slug} planId={plan.id} document={document} />
      ))}
    </ManagedListSection>
  );
}

function UpstreamRow({ slug, planId, document }: { slug: string; planId: string; document: TUpstreamDocument }) {
  const { t } = useTranslation([MANAGE_NS, 'plans', 'common']);
  const locale = useLocale();
  const showSaved = useSavedToast();
  const save = useSaveUpstreamDocument(slug, planId);
  const remove = useDeleteUpstreamDocument(slug);
  const title = pickLocalized(document.title, locale);
  return (
    <ManagedRow
      heading={
        <>
          <strong>{title}</strong> <Badge tone="info">{t(`plans:levels.${document.level}`)}</Badge>
        </>
      }
      editLabel={t('upstream.edit', { title })}
      editForm={
        <UpstreamDocumentForm
          document={document}
          submitLabel={t('common:actions.save')}
          error={save.error}
          onSubmit={async (input) => {
            await save.mutateAsync({ documentId: document.id, input });
            showSaved();
          }}
        />
      }
      deleteLabel={t('upstream.delete', { title })}
      isDeleting={remove.isPending}
      deleteError={remove.error}
      onDelete={() => remove.mutate(document.id)}
    />
  );
}
