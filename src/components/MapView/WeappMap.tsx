import { Map, type MapProps } from '@tarojs/components';
import { useMemo, useRef } from 'react';
import { enableMarkerClustering } from '@/platform/map';
import type { MapViewProps } from './types';

const MAP_ID = 'sites-map';
/** Copied into the weapp output by config/index.ts (`copy`). */
const MARKER_ICON = '/assets/map/marker.png';
const NEAREST_ICON = '/assets/map/marker-nearest.png';

type Marker = MapProps.marker & { joinCluster?: boolean };

/**
 * WeChat `<Map>`. On Android the native map re-initialises whenever its props change, so the
 * markers array is rebuilt only when the set of sites (or the nearest one) really changes, and markers
 * join WeChat's clustering so hundreds of sites stay fluid.
 */
export function WeappMap({ sites, center, centerIsDevice, nearestId, onSelect }: MapViewProps) {
  const signature = sites.map((s) => `${s.id}@${s.lat},${s.lng}`).join('|');
  const ordered = useMemo(() => sites.slice(), [signature]);
  const markers = useMemo<Marker[]>(
    () =>
      ordered.map((s, i) => {
        const nearest = s.id === nearestId;
        return {
          id: i + 1,
          latitude: s.lat,
          longitude: s.lng,
          title: s.name,
          iconPath: nearest ? NEAREST_ICON : MARKER_ICON,
          width: nearest ? 30 : 24,
          height: nearest ? 39 : 31,
          zIndex: nearest ? 2 : 1,
          // The nearest site stays visible on its own, with its name.
          joinCluster: !nearest,
          ...(nearest ? { callout: { content: `最近：${s.name}`, display: 'ALWAYS', padding: 6, borderRadius: 6, fontSize: 13, color: '#1f1f1f', bgColor: '#ffffff', anchorX: 0, anchorY: 0, borderWidth: 0, borderColor: '#ffffff', textAlign: 'center' } } : {}),
          ariaLabel: s.name,
        } as Marker;
      }),
    [ordered, nearestId],
  );
  const clustered = useRef(false);

  const select = (markerId: number | string) => {
    const site = ordered[Number(markerId) - 1];
    if (site) onSelect(site.id);
  };

  return (
    <Map
      id={MAP_ID}
      className='map-view map-view--native'
      latitude={center.lat}
      longitude={center.lng}
      scale={12}
      markers={markers}
      showLocation={centerIsDevice}
      onMarkerTap={(e) => select(e.detail.markerId)}
      onCalloutTap={(e) => select(e.detail.markerId)}
      onUpdated={() => {
        if (clustered.current) return;
        clustered.current = true;
        enableMarkerClustering(MAP_ID);
      }}
      onError={() => undefined}
    />
  );
}
