import { useTranslation } from 'react-i18next';
import { Alert, Button, DateText } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { errorCodeOf } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { useLocale } from '@/lib/use-locale';
import { DEMAND_SUGGESTIONS_NS } from './suggestions-i18n';
import { useClassifierState, useRetrain } from './use-demand-suggestions';

export type ClassifierStatusCardProps = { slug: string };

/**
 * The themes classifier at a glance: accuracy as macro-F1 on held-out tagged demands, how many
 * demands it learnt from, "not enough tagged demands yet" below the threshold, and "retrain now".
 */
export function ClassifierStatusCard({ slug }: ClassifierStatusCardProps) {
  const { t } = useTranslation([DEMAND_SUGGESTIONS_NS, 'errors']);
  const locale = useLocale();
  const state = useClassifierState(slug);
  const retrain = useRetrain(slug);
  const data = state.data;
  const model = data?.model;
  const n = (value: number) => formatNumber(value, locale);

  return (
    <section className="card stack demand-classifier" aria-labelledby="demand-classifier-title" aria-busy={data?.isTraining ?? false}>
      <h2 id="demand-classifier-title">{t('status.title')}</h2>
      {state.isError && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(state.error))}</Alert>}
      {data && (
        <>
          {!data.isEnoughData && (
            <Alert variant="info">
              {t('status.notEnough', {
                tagged: n(data.taggedDemands),
                minTagged: n(data.minTaggedDemands),
                minPerTheme: n(data.minPerTheme),
                minThemes: n(data.minThemes),
              })}
            </Alert>
          )}
          <dl className="demand-classifier__figures">
            <div>
              <dt>{t('status.accuracy')}</dt>
              <dd data-testid="classifier-macro-f1">
                {model?.status === 'ready' && model.macroF1 !== null ? t('status.percent', { value: n(Math.round(model.macroF1 * 100)) }) : t('status.noAccuracy')}
              </dd>
            </div>
            <div>
              <dt>{t('status.samples')}</dt>
              <dd>{model ? n(model.sampleCount) : n(0)}</dd>
            </div>
            <div>
              <dt>{t('status.tagged')}</dt>
              <dd>{n(data.taggedDemands)}</dd>
            </div>
            <div>
              <dt>{t('status.themes')}</dt>
              <dd>{model ? n(model.labelCount) : n(data.learnableThemes)}</dd>
            </div>
            <div>
              <dt>{t('status.open')}</dt>
              <dd>{n(data.openSuggestions)}</dd>
            </div>
          </dl>
          <p className="muted">{t('status.accuracyHelp', { heldOut: n(model?.heldOutCount ?? 0) })}</p>
          {model && (
            <p>
              {t(`status.model.${model.status}`)}
              {model.finishedAt && (
                <>
                  {' · '}
                  <DateText value={model.finishedAt} style="long" />
                </>
              )}
            </p>
          )}
          {model?.status === 'failed' && <Alert variant="danger">{translateErrorCode(t, model.errorCode ?? 'generic')}</Alert>}
          {data.isTraining && <p role="status">{t('status.training')}</p>}
        </>
      )}
      <div className="cluster">
        <Button variant="secondary" isLoading={retrain.isPending} disabled={data?.isTraining} onClick={() => retrain.mutate()}>
          {t('status.retrain')}
        </Button>
      </div>
      {retrain.isError && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(retrain.error))}</Alert>}
    </section>
  );
}
