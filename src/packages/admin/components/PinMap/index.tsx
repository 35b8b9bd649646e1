import { Map, Text, View } from '@tarojs/components';
import { useEffect, useMemo, useRef, useState } from 'react';
import { loadAmap, type AMapMap, type AMapNamespace } from '@/platform/amap';
import type { LatLng } from '@/types/api';
import './index.scss';

export interface PinMapProps {
  /** The pin, GCJ-02; null while the coordinates are not valid numbers. */
  point: LatLng | null;
  /** Called with the GCJ-02 point the manager tapped. */
  onPick: (point: LatLng) => void;
}

const MARKER_ICON = '/assets/map/marker.png';

/** WeChat: the native map; tapping moves the pin. */
function WeappPinMap({ point, onPick }: PinMapProps) {
  const markers = useMemo(
    () => (point ? [{ id: 1, latitude: point.lat, longitude: point.lng, iconPath: MARKER_ICON, width: 24, height: 31 }] : []),
    [point?.lat, point?.lng],
  );
  return (
    <Map
      className='pin-map'
      latitude={point?.lat ?? 30.5928}
      longitude={point?.lng ?? 114.3055}
      scale={16}
      markers={markers as never}
      onTap={(e) => {
        const detail = (e as unknown as { detail: { latitude?: number; longitude?: number } }).detail;
        if (typeof detail.latitude === 'number' && typeof detail.longitude === 'number') onPick({ lat: detail.latitude, lng: detail.longitude });
      }}
      onError={() => undefined}
    />
  );
}

type ClickableMap = AMapMap & { on(event: 'click', handler: (e: { lnglat: { getLat(): number; getLng(): number } }) => void): void };

/** H5 with an AMap key: clicking moves the pin. Without AMap the coordinates are typed in. */
function AmapPinMap({ point, onPick }: PinMapProps) {
  const [amap, setAmap] = useState<AMapNamespace | null>(null);
  const [failed, setFailed] = useState(false);
  const container = useRef<HTMLDivElement | null>(null);
  const map = useRef<ClickableMap | null>(null);
  const marker = useRef<{ setPosition(p: [number, number]): void } | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

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
    const center: [number, number] = point ? [point.lng, point.lat] : [114.3055, 30.5928];
    try {
      const m = new amap.Map(container.current, { zoom: 16, center, resizeEnable: true }) as ClickableMap;
      const pin = new amap.Marker({ position: center }) as unknown as { setPosition(p: [number, number]): void };
      m.add(pin as never);
      m.on('click', (e) => pick.current({ lat: e.lnglat.getLat(), lng: e.lnglat.getLng() }));
      map.current = m;
      marker.current = pin;
    } catch {
      setFailed(true);
    }
    return () => {
      map.current?.destroy();
      map.current = null;
    };
    // Created once; the pin follows `point` below.
  }, [amap]);

  useEffect(() => {
    if (!point) return;
    marker.current?.setPosition([point.lng, point.lat]);
    map.current?.setCenter([point.lng, point.lat]);
  }, [point?.lat, point?.lng]);

  if (failed) return <Text className='muted pin-map__note'>地图暂不可用，请直接填写坐标或使用当前位置。</Text>;
  return <div ref={container} className='pin-map' data-testid='pin-map' />;
}

/**
 * The site's position on a map, movable by tapping (GCJ-02 throughout). On H5 without an AMap key there
 * is no map to tap: the editor's coordinate fields and "use my position" remain.
 */
export function PinMap(props: PinMapProps) {
  if (process.env.TARO_ENV === 'weapp') return <WeappPinMap {...props} />;
  if (process.env.TARO_APP_AMAP_KEY) return <AmapPinMap {...props} />;
  return (
    <View className='pin-map__note'>
      <Text className='muted'>未配置地图：请直接填写坐标，或在现场使用“当前位置”。</Text>
    </View>
  );
}
