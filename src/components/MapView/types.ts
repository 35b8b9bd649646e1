import type { LatLng } from '@/types/api';

/** A site as a point on the map. */
export interface MapSite {
  id: string;
  name: string;
  lat: number;
  lng: number;
}

export interface MapViewProps {
  sites: readonly MapSite[];
  /** Where distances are measured from (the user, a fallback centre or a picked district). */
  center: LatLng;
  /** "您的位置", "武汉市中心"…, labels the centre on the drawn map. */
  centerLabel: string;
  /** True when `center` is the device's own position (the WeChat map then shows its blue dot). */
  centerIsDevice: boolean;
  nearestId?: string;
  onSelect: (id: string) => void;
}
