import gcoord from 'gcoord';
import type { LatLng } from '@/types/api';

/**
 * WGS-84 (GPS, browsers) → GCJ-02 (WeChat maps, AMap, our API). In mainland China the two differ by
 * a few hundred metres; outside China gcoord returns the point unchanged, as GCJ-02 does.
 */
export function wgs84ToGcj02(point: LatLng): LatLng {
  const [lng, lat] = gcoord.transform([point.lng, point.lat], gcoord.WGS84, gcoord.GCJ02);
  return { lat, lng };
}
