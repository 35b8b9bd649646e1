import { Text, View } from '@tarojs/components';
import { ROUTE_MODES, ROUTE_MODE_LABELS } from '@/constants/labels';
import type { RouteEstimate, RouteMode } from '@/types/api';
import { formatDistance, formatDuration } from '@/utils/geo';
import './index.scss';

export interface RouteTabsProps {
  mode: RouteMode;
  onModeChange: (mode: RouteMode) => void;
  route?: RouteEstimate;
  loading: boolean;
  error: Error | null;
  onRetry: () => void;
  /** Where the route starts, e.g. "从武汉市中心出发" when the position is a fallback. */
  originNote?: string | null;
}

/** 步行 / 驾车 / 公交 / 骑行 tabs with the chosen mode's distance and time. */
export function RouteTabs({ mode, onModeChange, route, loading, error, onRetry, originNote }: RouteTabsProps) {
  return (
    <View className='route-tabs'>
      <View className='route-tabs__bar' role='tablist'>
        {ROUTE_MODES.map((m) => (
          <View
            key={m}
            className={`route-tabs__tab${m === mode ? ' route-tabs__tab--on' : ''}`}
            role='tab'
            aria-selected={m === mode}
            onClick={() => onModeChange(m)}
          >
            <Text>{ROUTE_MODE_LABELS[m]}</Text>
          </View>
        ))}
      </View>
      <View className='route-tabs__result' aria-live='polite'>
        {error ? (
          <View className='route-tabs__error'>
            <Text className='route-tabs__error-text'>{error.message}</Text>
            <View className='route-tabs__retry' role='button' onClick={onRetry}>
              <Text>重试</Text>
            </View>
          </View>
        ) : loading || !route ? (
          <Text className='muted'>正在计算路线…</Text>
        ) : (
          <View className='route-tabs__numbers'>
            <Text className='route-tabs__value'>{formatDistance(route.distanceMeters)}</Text>
            <Text className='route-tabs__value'>约 {formatDuration(route.durationSeconds)}</Text>
            {route.provider === 'estimate' && (
              <Text className='tag route-tabs__estimate' aria-label='估算：按直线距离估计，仅供参考'>
                估算
              </Text>
            )}
          </View>
        )}
        {originNote && <Text className='muted route-tabs__origin'>{originNote}</Text>}
      </View>
    </View>
  );
}
