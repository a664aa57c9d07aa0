import { useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Button, useToast } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { useSession } from '@/features/identity/api/use-session';
import { errorCodeOf } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { useSocketEffect } from '@/lib/realtime';
import { useLocale } from '@/lib/use-locale';
import { useSupport, useWriteSupportCount } from '../api/use-problems';
import { PROBLEMS_NS } from '../problems-i18n';

export type SupportButtonProps = {
  slug: string;
  problemId: string;
  supportCount: number;
  isSupported: boolean;
  canSupport: boolean;
  /** Join the problem's room for live counts (the problem page does; lists of suggestions do not). */
  isLive?: boolean;
};

/** "Me too": toggles one's support; the count follows everyone's supports live. */
export function SupportButton({ slug, problemId, supportCount, isSupported, canSupport, isLive = false }: SupportButtonProps) {
  const { t } = useTranslation([PROBLEMS_NS, 'errors']);
  const locale = useLocale();
  const navigate = useNavigate();
  const location = useLocation();
  const toast = useToast();
  const { data: session } = useSession();
  const support = useSupport(slug, problemId);
  const write = useWriteSupportCount(slug);

  useSocketEffect(
    isLive,
    (socket) => {
      const watch = () => socket.emit('problem.watch', { problemId });
      const handleChanged = (payload: { problemId: string; supportCount: number }) => {
        if (payload.problemId === problemId) write(problemId, { supportCount: payload.supportCount });
      };
      if (socket.connected) watch();
      socket.on('connect', watch);
      socket.on('problem.support_changed', handleChanged);
      return () => {
        socket.off('connect', watch);
        socket.off('problem.support_changed', handleChanged);
        if (socket.connected) socket.emit('problem.unwatch', { problemId });
      };
    },
    [isLive, problemId, slug],
  );

  const handleClick = () => {
    if (!session?.account) {
      void navigate(`/${slug}/sign-in?next=${encodeURIComponent(location.pathname)}`);
      return;
    }
    support.mutate(!isSupported, {
      onSuccess: ({ supported }) => toast.show({ title: t(supported ? 'support.supported' : 'support.withdrawn'), variant: 'success' }),
      onError: (error) => toast.show({ title: translateErrorCode(t, errorCodeOf(error)), variant: 'danger' }),
    });
  };

  return (
    <div className="support">
      <Button
        variant={isSupported ? 'secondary' : 'primary'}
        aria-pressed={isSupported}
        isLoading={support.isPending}
        disabled={!canSupport && Boolean(session?.account) && !isSupported}
        onClick={handleClick}
      >
        {t('support.action')}
      </Button>
      <span className="muted" aria-live="polite" data-testid="support-count">
        {t('support.count', { number: formatNumber(supportCount, locale) })}
      </span>
    </div>
  );
}
