import { useId } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TProblem } from '@hamandishi/contracts';
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
  /** Why the signed-in reader cannot support (their own report, a block…): said beside the disabled button. */
  cannotSupportReason?: TProblem['cannotSupportReason'];
  /** Join the problem's room for live counts (the problem page does; lists of suggestions do not). */
  isLive?: boolean;
};

/** "Me too": toggles one's support; the count follows everyone's supports live. */
export function SupportButton({ slug, problemId, supportCount, isSupported, canSupport, cannotSupportReason = null, isLive = false }: SupportButtonProps) {
  const { t } = useTranslation([PROBLEMS_NS, 'errors']);
  const locale = useLocale();
  const navigate = useNavigate();
  const location = useLocation();
  const toast = useToast();
  const { data: session } = useSession();
  const support = useSupport(slug, problemId);
  const write = useWriteSupportCount(slug);
  const reasonId = useId();

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

  const isDisabled = !canSupport && Boolean(session?.account) && !isSupported;

  return (
    <div className="support">
      <Button
        variant={isSupported ? 'secondary' : 'primary'}
        aria-pressed={isSupported}
        isLoading={support.isPending}
        disabled={isDisabled}
        aria-describedby={isDisabled && cannotSupportReason ? reasonId : undefined}
        onClick={handleClick}
      >
        {t('support.action')}
      </Button>
      {/* Count words agree with the number (Arabic has six plural forms): i18next picks the form from `count`. */}
      <span className="muted" aria-live="polite" data-testid="support-count">
        {t('support.count', { count: supportCount, number: formatNumber(supportCount, locale) })}
      </span>
      {isDisabled && cannotSupportReason && (
        <p id={reasonId} className="muted support__reason">
          {t(`support.cannot.${cannotSupportReason}`)}
        </p>
      )}
    </div>
  );
}
