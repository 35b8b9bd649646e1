import { Button, Text, View } from '@tarojs/components';
import { TRIBUTE_KIND_INFO } from '@/constants/tribute-labels';
import type { PublicTribute } from '@/types/api';
import { formatTributeTime } from '@/utils/tribute-time';
import './index.scss';

export interface TributeWallProps {
  items: readonly PublicTribute[];
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  /** Show which martyr each tribute was for (on a site's wall). */
  showMartyr?: boolean;
  now?: Date;
}

/** The public tribute wall (祭扫墙): published tributes only, newest first. Authors are never shown. */
export function TributeWall({ items, hasMore, loadingMore, onLoadMore, showMartyr, now = new Date() }: TributeWallProps) {
  return (
    <View className='tribute-wall'>
      {items.map((t) => (
        <View key={t.id} className={`tribute-wall__item tribute-wall__item--${t.kind}`} data-testid='tribute-wall-item'>
          <Text className='tribute-wall__icon'>{TRIBUTE_KIND_INFO[t.kind].icon}</Text>
          <View className='tribute-wall__main'>
            {t.message ? (
              <Text className='tribute-wall__message' userSelect>
                {t.message}
              </Text>
            ) : (
              <Text>一位市民{TRIBUTE_KIND_INFO[t.kind].label}</Text>
            )}
            <Text className='muted'>
              {showMartyr && t.martyrName ? `致${t.martyrName}烈士 · ` : ''}
              {formatTributeTime(t.createdAt, now)}
            </Text>
          </View>
        </View>
      ))}
      {hasMore && (
        <Button className='btn btn--block tribute-wall__more' loading={loadingMore || undefined} disabled={loadingMore || undefined} onClick={onLoadMore}>
          {loadingMore ? '加载中…' : '加载更多'}
        </Button>
      )}
    </View>
  );
}
