import { useTranslation } from 'react-i18next';

export type SpinnerProps = { size?: 'sm' | 'lg'; label?: string };

/** A spinning ring; the large one announces "loading" to screen readers. */
export function Spinner({ size = 'sm', label }: SpinnerProps) {
  if (size === 'sm') return <span className="spinner" aria-hidden="true" />;
  return <PageSpinner label={label} />;
}

function PageSpinner({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="spinner-block" role="status">
      <span className="spinner spinner--lg" aria-hidden="true" />
      <span className="visually-hidden">{label ?? t('states.loading')}</span>
    </div>
  );
}
