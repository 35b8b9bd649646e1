import { Text, View } from '@tarojs/components';
import { TRIBUTE_KIND_INFO } from '@/constants/tribute-labels';
import type { TributeStats as Stats } from '@/types/api';
import './index.scss';

/** Published tributes per kind: 献花 · 点烛 · 鞠躬 · 寄语. */
export function TributeStats({ stats }: { stats: Stats | undefined }) {
  return (
    <View className='tribute-stats' data-testid='tribute-stats'>
      {(['flower', 'candle', 'bow', 'message'] as const).map((kind) => (
        <View key={kind} className='tribute-stats__cell'>
          <Text className='tribute-stats__value' data-testid={`tribute-stat-${kind}`}>
            {stats ? stats[kind] : '–'}
          </Text>
          <Text className='muted'>
            {TRIBUTE_KIND_INFO[kind].icon} {TRIBUTE_KIND_INFO[kind].label}
          </Text>
        </View>
      ))}
    </View>
  );
}
