import '../consultations.css';
import { useParams, useSearchParams } from 'react-router';
import { QueryView } from '@/features/plans/components/query-view';
import { useConsultation } from '../api/use-consultations';
import { ReadingView } from '../components/reading-view';
import { usePageTitle } from '@/app/use-page-title';
import { pickLocalized } from '@/lib/locale';
import { useLocale } from '@/lib/use-locale';

/** The `edition` query parameter as a number, or null for "the latest". */
export function editionParam(value: string | null): number | null {
  const number = Number(value);
  return Number.isInteger(number) && number > 0 ? number : null;
}

/** `/:slug/consultations/:activityId?edition=N`: read a stage report and comment on it. */
export default function ConsultationPage() {
  const { slug = '', activityId = '' } = useParams();
  const [search] = useSearchParams();
  const consultation = useConsultation(slug, activityId, editionParam(search.get('edition')));
  const locale = useLocale();
  usePageTitle(consultation.data && pickLocalized(consultation.data.activity.title, locale));
  return <QueryView query={consultation}>{(data) => <ReadingView slug={slug} consultation={data} />}</QueryView>;
}
