import { useEffect, useRef, useState } from 'react';
import { loadAmap, type AMapMap, type AMapNamespace, type AMapOverlay } from '@/platform/amap';
import { DrawnMap } from './DrawnMap';
import type { MapViewProps } from './types';

/**
 * AMap on H5, loaded only when this component mounts. Until it is ready, and for good if it cannot
 * load (no network, bad key), the drawn map stands in.
 */
export function AmapMap(props: MapViewProps) {
  const { sites, center, nearestId, onSelect } = props;
  const [amap, setAmap] = useState<AMapNamespace | null>(null);
  const [failed, setFailed] = useState(false);
  const container = useRef<HTMLDivElement | null>(null);
  const map = useRef<AMapMap | null>(null);
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    let active = true;
    loadAmap().then(
      (ns) => active && setAmap(ns),
      () => active && setFailed(true),
    );
    return () => {
      active = false;
    };
  }, []);

  useEffect(() => {
    if (!amap || !container.current) return;
    try {
      map.current = new amap.Map(container.current, { zoom: 12, center: [center.lng, center.lat], resizeEnable: true });
    } catch {
      setFailed(true);
    }
    return () => {
      map.current?.destroy();
      map.current = null;
    };
    // The map is created once; centre and markers are updated by the effects below.
  }, [amap]);

  useEffect(() => {
    map.current?.setCenter([center.lng, center.lat]);
  }, [amap, center.lat, center.lng]);

  useEffect(() => {
    const m = map.current;
    if (!amap || !m) return;
    const markers: AMapOverlay[] = sites.map((s) => {
      const marker = new amap.Marker({
        position: [s.lng, s.lat],
        title: s.name,
        ...(s.id === nearestId ? { label: { content: `最近：${s.name}`, direction: 'top' }, zIndex: 200 } : {}),
      });
      marker.on('click', () => select.current(s.id));
      return marker;
    });
    m.add(markers);
    return () => m.remove(markers);
  }, [amap, sites, nearestId]);

  if (failed || !amap) return <DrawnMap {...props} />;
  return <div ref={container} className='map-view map-view--amap' data-testid='amap' />;
}
