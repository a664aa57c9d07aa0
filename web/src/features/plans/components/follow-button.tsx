import { useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Button, useToast } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { useSession } from '@/features/identity/api/use-session';
import { errorCodeOf } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { useLocale } from '@/lib/use-locale';
import { useFollow, type FollowTarget } from '../api/use-plans';

export type FollowButtonProps = {
  slug: string;
  target: FollowTarget;
  isFollowing: boolean;
  followerCount?: number;
};

/** Follow a plan or a stage to be told when it moves; visitors are sent to sign in first. */
export function FollowButton({ slug, target, isFollowing, followerCount }: FollowButtonProps) {
  const { t } = useTranslation(['plans', 'errors']);
  const locale = useLocale();
  const navigate = useNavigate();
  const location = useLocation();
  const toast = useToast();
  const { data: session } = useSession();
  const follow = useFollow(slug, target);

  const handleClick = () => {
    if (!session?.account) {
      void navigate(`/${slug}/sign-in?next=${encodeURIComponent(location.pathname)}`);
      return;
    }
    follow.mutate(!isFollowing, {
      onSuccess: ({ following }) =>
        toast.show({ title: t(following ? `follow.followed.${target.type}` : `follow.unfollowed.${target.type}`), variant: 'success' }),
      onError: (error) => toast.show({ title: translateErrorCode(t, errorCodeOf(error)), variant: 'danger' }),
    });
  };

  return (
    <div className="follow">
      <Button variant={isFollowing ? 'secondary' : 'primary'} size="sm" aria-pressed={isFollowing} isLoading={follow.isPending} onClick={handleClick}>
        {t(`follow.action.${target.type}`)}
      </Button>
      {followerCount !== undefined && (
        <span className="muted follow__count">{t('follow.count', { number: formatNumber(followerCount, locale) })}</span>
      )}
    </div>
  );
}
