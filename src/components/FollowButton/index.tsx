import { Button } from '@tarojs/components';

export interface FollowButtonProps {
  following: boolean;
  followers?: number;
  pending: boolean;
  onToggle: () => void;
}

/** 关注 / 已关注: followers are told of the site's notices and of replies to their messages. */
export function FollowButton({ following, followers, pending, onToggle }: FollowButtonProps) {
  const count = followers !== undefined ? `（${followers}）` : '';
  return (
    <Button
      className={`btn ${following ? '' : 'btn--primary'}`}
      aria-pressed={following}
      data-testid='follow-button'
      // Taro's H5 button styles any `disabled`/`loading` attribute, even "false": leave them off instead.
      loading={pending || undefined}
      disabled={pending || undefined}
      onClick={onToggle}
    >
      {following ? `已关注${count}` : `关注${count}`}
    </Button>
  );
}
