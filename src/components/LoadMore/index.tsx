import { Button, View } from '@tarojs/components';

export interface LoadMoreProps {
  /** A paged list (usePagedList): whether there is a next page, whether it is loading, and how to load it. */
  list: { hasMore: boolean; loadingMore: boolean; loadMore: () => void };
  className?: string;
  /** A box around the button (a page's actions row). */
  wrapClassName?: string;
}

/** 加载更多 under a paged list while there is a next page; busy and not pressable while it loads. */
export function LoadMore({ list, className, wrapClassName }: LoadMoreProps) {
  if (!list.hasMore) return null;
  const button = (
    <Button className={['btn btn--block', className].filter(Boolean).join(' ')} loading={list.loadingMore || undefined} disabled={list.loadingMore || undefined} onClick={list.loadMore}>
      加载更多
    </Button>
  );
  return wrapClassName ? <View className={wrapClassName}>{button}</View> : button;
}
