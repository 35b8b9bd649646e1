import { Text, View } from '@tarojs/components';
import { useMemo } from 'react';
import { formatDistance } from '@/utils/geo';
import { layoutScatter } from '@/utils/scatter';
import type { MapViewProps } from './types';

const MAX_POINTS = 30;
/** Height / width of the drawn map (the CSS keeps the same ratio). */
const ASPECT = 0.6;

/**
 * A map drawn without any map service: the nearest sites placed by their real bearing and distance
 * from the centre, north up, the nearest one highlighted and named.
 */
export function DrawnMap({ sites, center, centerLabel, nearestId, onSelect }: MapViewProps) {
  const layout = useMemo(() => layoutScatter(sites, center, MAX_POINTS, ASPECT), [sites, center]);

  return (
    <View className='map-view map-view--drawn' data-testid='drawn-map'>
      <View className='drawn-map'>
        <View className='drawn-map__axis drawn-map__axis--h' />
        <View className='drawn-map__axis drawn-map__axis--v' />
        <Text className='drawn-map__north'>北 ↑</Text>
        {layout.points.map((p) => {
          const nearest = p.id === nearestId;
          return (
            <View
              key={p.id}
              className={`drawn-map__site${nearest ? ' drawn-map__site--nearest' : ''}`}
              style={{ left: `${p.x}%`, top: `${p.y}%` }}
              role='button'
              aria-label={`${p.name}，${formatDistance(p.distanceMeters)}`}
              onClick={() => onSelect(p.id)}
            >
              <View className='drawn-map__dot' />
              {nearest && <Text className='drawn-map__label'>{p.name}</Text>}
            </View>
          );
        })}
        <View className='drawn-map__center' style={{ left: '50%', top: '50%' }}>
          <View className='drawn-map__me' />
          <Text className='drawn-map__me-label'>{centerLabel}</Text>
        </View>
      </View>
      <Text className='drawn-map__caption'>
        {layout.points.length
          ? `示意图：离${centerLabel}最近的 ${layout.points.length} 处设施，最远 ${formatDistance(layout.farthestMeters)}`
          : '附近暂无可显示的纪念设施'}
      </Text>
    </View>
  );
}
