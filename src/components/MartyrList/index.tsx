import { Button, Text, View } from '@tarojs/components';
import { GENDER_LABELS } from '@/constants/labels';
import type { MartyrSummary } from '@/types/api';
import { SampleDataBadge } from '../SampleDataBadge';
import './index.scss';

export interface MartyrListProps {
  items: readonly MartyrSummary[];
  hasMore: boolean;
  loadingMore: boolean;
  onOpen: (id: string) => void;
  onLoadMore: () => void;
}

function years(m: MartyrSummary): string {
  if (m.birthYear && m.deathYear) return `${m.birthYear}—${m.deathYear}`;
  if (m.deathYear) return `牺牲于 ${m.deathYear} 年`;
  return '';
}

/** Martyrs of a site (英名录), with 加载更多 for the next page. */
export function MartyrList({ items, hasMore, loadingMore, onOpen, onLoadMore }: MartyrListProps) {
  return (
    <View className='martyr-list'>
      {items.map((m) => (
        <View key={m.id} className='martyr-row' role='button' data-testid='martyr-row' onClick={() => onOpen(m.id)}>
          <View className='martyr-row__head'>
            <Text className='martyr-row__name'>{m.name}</Text>
            {m.gender && <Text className='muted'>{GENDER_LABELS[m.gender]}</Text>}
            {years(m) && <Text className='muted'>{years(m)}</Text>}
            {m.sample && <SampleDataBadge />}
          </View>
          {(m.hometown || m.unit) && (
            <Text className='muted martyr-row__sub'>{[m.hometown, m.unit].filter(Boolean).join(' · ')}</Text>
          )}
        </View>
      ))}
      {hasMore && (
        <Button className='btn btn--block martyr-list__more' loading={loadingMore} disabled={loadingMore} onClick={onLoadMore}>
          {loadingMore ? '加载中…' : '加载更多'}
        </Button>
      )}
    </View>
  );
}
