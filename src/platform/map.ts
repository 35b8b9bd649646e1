import Taro from '@tarojs/taro';
import type { LatLng } from '@/types/api';

/** Hands off to the phone's map app (WeChat) at a GCJ-02 point. */
export function openLocation(point: LatLng, name: string, address: string): Promise<void> {
  return Taro.openLocation({ latitude: point.lat, longitude: point.lng, name, address, scale: 16 }).then(() => undefined);
}

/**
 * Turns on marker clustering for a WeChat `<Map>` (markers carry `joinCluster: true`), so hundreds of
 * sites stay responsive on Android.
 */
export function enableMarkerClustering(mapId: string): void {
  try {
    Taro.createMapContext(mapId).initMarkerCluster({ enableDefaultStyle: true, zoomOnClick: true, gridSize: 60 });
  } catch {
    // Old base libraries lack clustering; the map still shows every marker.
  }
}
