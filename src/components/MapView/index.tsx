import { AmapMap } from './AmapMap';
import { DrawnMap } from './DrawnMap';
import type { MapViewProps } from './types';
import { WeappMap } from './WeappMap';
import './index.scss';

export type { MapSite, MapViewProps } from './types';

/**
 * The sites map: WeChat's native map in the mini-program; on H5, AMap when a key is configured,
 * otherwise (and while AMap loads or when it fails) a drawn map of the nearest sites, never an empty box.
 */
export function MapView(props: MapViewProps) {
  if (process.env.TARO_ENV === 'weapp') return <WeappMap {...props} />;
  if (process.env.TARO_APP_AMAP_KEY) return <AmapMap {...props} />;
  return <DrawnMap {...props} />;
}
