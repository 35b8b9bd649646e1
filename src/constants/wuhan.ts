import type { LatLng } from '@/types/api';

/** 武汉市中心 (GCJ-02): where distances are measured from when the device position is unavailable. */
export const WUHAN_CENTER: LatLng = { lat: 30.5928, lng: 114.3055 };

export interface District {
  name: string;
  center: LatLng;
}

/** Wuhan's 13 districts with the GCJ-02 position of each district government, for manual recentring. */
export const WUHAN_DISTRICTS: readonly District[] = [
  { name: '江岸区', center: { lat: 30.6003, lng: 114.3096 } },
  { name: '江汉区', center: { lat: 30.6015, lng: 114.2707 } },
  { name: '硚口区', center: { lat: 30.5822, lng: 114.2150 } },
  { name: '汉阳区', center: { lat: 30.5540, lng: 114.2185 } },
  { name: '武昌区', center: { lat: 30.5538, lng: 114.3162 } },
  { name: '青山区', center: { lat: 30.6401, lng: 114.3850 } },
  { name: '洪山区', center: { lat: 30.5003, lng: 114.3440 } },
  { name: '东西湖区', center: { lat: 30.6200, lng: 114.1370 } },
  { name: '汉南区', center: { lat: 30.3088, lng: 114.0848 } },
  { name: '蔡甸区', center: { lat: 30.5821, lng: 114.0293 } },
  { name: '江夏区', center: { lat: 30.3751, lng: 114.3210 } },
  { name: '黄陂区', center: { lat: 30.8821, lng: 114.3754 } },
  { name: '新洲区', center: { lat: 30.8420, lng: 114.8012 } },
];
