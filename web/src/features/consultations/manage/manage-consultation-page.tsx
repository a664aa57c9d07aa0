import '../consultations.css';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TConsultation, TEditionSource, TEditionSummary } from '@hamandishi/contracts';
import { Button, Dialog, DialogClose, Spinner, Tabs, useToast } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { QueryView } from '@/features/plans/components/query-view';
import { RequirePlanner } from '@/features/plans/manage/require-planner';
import { api } from '@/lib/api-client';
import { errorCodeOf } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { pickLocalized } from '@/lib/locale';
import { useLocale } from '@/lib/use-locale';
import { consultationKeys, useConsultation, useEditionActions, useEditionSource } from '../api/use-consultations';
import { CONSULTATIONS_NS } from '../consultations-i18n';
import { emptyBlock, toEditorBlocks } from '../lib/block-editor-model';
import { EditionEditor } from './edition-editor';
import { EditionList } from './edition-list';
import { ImportDocx } from './import-docx';
import { ReportView } from './report-view';
import { usePageTitle } from '@/app/use-page-title';

/** `/:slug/manage/consultations/:activityId`: editions (import, write, publish) and the report. */
export default function ManageConsultationPage() {
  return (
    <RequirePlanner>
      <ManageConsultation />
    </RequirePlanner>
  );
}

function ManageConsultation() {
  const { slug = '', activityId = '' } = useParams();
  const consultation = useConsultation(slug, activityId, null);
  const { t } = useTranslation(CONSULTATIONS_NS);
  const locale = useLocale();
  usePageTitle(
    consultation.data && t('manage.title', { title: pickLocalized(consultation.data.activity.title, locale) }),
  );
  return <QueryView query={consultation}>{(data) => <ManageScreen slug={slug} consultation={data} />}</QueryView>;
}

function ManageScreen({ slug, consultation }: { slug: string; consultation: TConsultation }) {
  const { t } = useTranslation(CONSULTATIONS_NS);
  const locale = useLocale();
  const activityId = consultation.activity.id;
  const draft = consultation.editions.find((e) => e.status === 'draft') ?? null;
  const hasPublished = consultation.editions.some((e) => e.status === 'published');
  return (
    <article className="stack c-manage">
      <p>
        <Link to={`/${slug}/consultations/${activityId}`}>{t('manage.toReading')}</Link>
      </p>
      <h1>{t('manage.title', { title: pickLocalized(consultation.activity.title, locale) })}</h1>
      <Tabs
        label={t('manage.tabs')}
        items={[
          {
            value: 'editions',
            label: t('manage.editionsTab'),
            content: (
              <div className="stack">
                <EditionList slug={slug} activityId={activityId} editions={consultation.editions} />
                {draft ? (
                  <DraftEditor slug={slug} activityId={activityId} draft={draft} />
                ) : (
                  <NewEdition slug={slug} consultation={consultation} />
                )}
              </div>
            ),
          },
          {
            value: 'report',
            label: t('manage.reportTab'),
            content: hasPublished ? (
              <ReportView slug={slug} activityId={activityId} editions={consultation.editions} />
            ) : (
              <p className="muted">{t('manage.report.none')}</p>
            ),
          },
        ]}
      />
    </article>
  );
}

/** No draft yet: import a .docx, or start a new edition (a copy of the latest published one, or empty). */
function NewEdition({ slug, consultation }: { slug: string; consultation: TConsultation }) {
  const { t } = useTranslation([CONSULTATIONS_NS, 'errors']);
  const toast = useToast();
  const queryClient = useQueryClient();
  const activityId = consultation.activity.id;
  const actions = useEditionActions(slug, activityId);
  const locale = useLocale();
  const [isLoading, setIsLoading] = useState(false);
  const latest = consultation.editions.filter((e) => e.status === 'published').at(-1);

  const handleNew = async () => {
    setIsLoading(true);
    try {
      const source = latest
        ? await queryClient.fetchQuery({
            queryKey: consultationKeys.source(slug, activityId, latest.number),
            queryFn: () =>
              api.get<TEditionSource>(
                `/api/orgs/${encodeURIComponent(slug)}/consultations/${encodeURIComponent(activityId)}/editions/${latest.number}/source`,
              ),
          })
        : null;
      const title = source?.title ?? pickLocalized(consultation.activity.title, 'fa');
      await actions.create.mutateAsync({
        title,
        blocks: source?.blocks ?? [{ kind: 'paragraph', text: t('manage.placeholderParagraph') }],
      });
      toast.show({ title: t('manage.draftCreated'), variant: 'success' });
    } catch (error) {
      toast.show({ title: translateErrorCode(t, errorCodeOf(error)), variant: 'danger' });
    } finally {
      setIsLoading(false);
    }
  };

  return (
    <section className="stack" aria-labelledby="c-new-edition">
      <h2 id="c-new-edition">{t('manage.newEditionTitle')}</h2>
      <ImportDocx slug={slug} activityId={activityId} />
      <div className="card stack">
        <h3>{t('manage.writeTitle')}</h3>
        <p className="muted">
          {latest
            ? t('manage.writeCopyHint', { number: formatNumber(latest.number, locale) })
            : t('manage.writeEmptyHint')}
        </p>
        <div>
          <Button variant="secondary" isLoading={isLoading} onClick={() => void handleNew()}>
            {t('manage.newEdition')}
          </Button>
        </div>
      </div>
    </section>
  );
}

/** The draft in the editor, with save, discard and publish. */
function DraftEditor({ slug, activityId, draft }: { slug: string; activityId: string; draft: TEditionSummary }) {
  const { t } = useTranslation([CONSULTATIONS_NS, 'errors']);
  const toast = useToast();
  const source = useEditionSource(slug, activityId, draft.number);
  const actions = useEditionActions(slug, activityId);
  const locale = useLocale();
  const [confirm, setConfirm] = useState<'publish' | 'discard' | null>(null);
  const onError = (error: unknown) =>
    toast.show({ title: translateErrorCode(t, errorCodeOf(error)), variant: 'danger' });

  if (source.isPending) return <Spinner />;
  if (source.isError) return <QueryView query={source}>{() => null}</QueryView>;
  const data = source.data;
  return (
    <section className="stack" aria-labelledby="c-draft-title">
      <h2 id="c-draft-title">{t('manage.draftTitle', { number: formatNumber(draft.number, locale) })}</h2>
      <EditionEditor
        key={`${draft.id}-${source.dataUpdatedAt}`}
        slug={slug}
        activityId={activityId}
        initial={{
          title: data.title,
          changeSummary: data.changeSummary ?? '',
          blocks: data.blocks.length ? toEditorBlocks(data.blocks) : [emptyBlock('paragraph')],
        }}
        isSaving={actions.save.isPending}
        onSave={(input) =>
          actions.save.mutate(
            { number: draft.number, input },
            { onSuccess: () => toast.show({ title: t('manage.saved'), variant: 'success' }), onError },
          )
        }
        actions={
          <>
            <Button variant="secondary" onClick={() => setConfirm('publish')}>
              {t('manage.publish')}
            </Button>
            <Button variant="danger" onClick={() => setConfirm('discard')}>
              {t('manage.discard')}
            </Button>
          </>
        }
      />
      {confirm && (
        <Dialog
          isOpen
          onOpenChange={(isOpen) => !isOpen && setConfirm(null)}
          title={t(confirm === 'publish' ? 'manage.publishConfirmTitle' : 'manage.discardConfirmTitle', {
            number: formatNumber(draft.number, locale),
          })}
          description={t(confirm === 'publish' ? 'manage.publishConfirmBody' : 'manage.discardConfirmBody')}
          actions={
            <>
              <DialogClose asChild>
                <Button variant="ghost">{t('manage.cancel')}</Button>
              </DialogClose>
              <Button
                variant={confirm === 'publish' ? 'primary' : 'danger'}
                isLoading={actions.publish.isPending || actions.discard.isPending}
                onClick={() =>
                  // The editor unmounts once the draft is gone, so the toast follows the promise, not a mutate callback.
                  (confirm === 'publish' ? actions.publish : actions.discard)
                    .mutateAsync(draft.number)
                    .then(() => {
                      toast.show({
                        title: t(confirm === 'publish' ? 'manage.published' : 'manage.discarded'),
                        variant: 'success',
                      });
                      setConfirm(null);
                    })
                    .catch(onError)
                }
              >
                {t(confirm === 'publish' ? 'manage.publishConfirm' : 'manage.discardConfirm')}
              </Button>
            </>
          }
        />
      )}
    </section>
  );
}
