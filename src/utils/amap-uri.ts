import type { LatLng } from '@/types/api';

/**
 * AMap's URI API link for a GCJ-02 point: opens the AMap app when installed (`callnative=1`),
 * otherwise AMap's mobile web page with the marker and its "到这去" route button.
 */
export function amapMarkerUrl(point: LatLng, name: string): string {
  const params = [
    `position=${point.lng.toFixed(6)},${point.lat.toFixed(6)}`,
    `name=${encodeURIComponent(name)}`,
    'src=memorial-map',
    'coordinate=gaode',
    'callnative=1',
  ];
  return `https://uri.amap.com/marker?${params.join('&')}`;
}
