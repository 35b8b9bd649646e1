import { useCallback, useEffect, useState } from 'react';
import { WUHAN_CENTER, WUHAN_DISTRICTS } from '@/constants/wuhan';
import { getCurrentPosition, LocationError, openLocationSettings } from '@/platform/location';
import { positionStore, type KnownPosition } from '@/stores/position';
import type { LatLng } from '@/types/api';

export interface LocationState {
  /** GCJ-02 point distances are measured from; null while the device is being asked. */
  position: LatLng | null;
  source: KnownPosition['source'] | null;
  district?: string;
  /** Shown to the user when the position is not their own (fallback or picked district). */
  message: string | null;
  locating: boolean;
  /** Recentres on a Wuhan district chosen by hand. */
  pickDistrict: (name: string) => void;
  /** Asks the device again (after the user granted permission in settings). */
  relocate: () => void;
}

const FAILURE_TEXT = { denied: '未获得定位授权', timeout: '定位超时', unavailable: '定位失败' } as const;

function describe(known: KnownPosition | null): string | null {
  if (!known || known.source === 'device') return null;
  if (known.source === 'district') return `已按${known.district}中心计算距离`;
  return `${FAILURE_TEXT[known.failure ?? 'unavailable']}，已按武汉市中心计算距离。可选择所在区重新定位。`;
}

/** The user's position in GCJ-02, falling back to Wuhan's city centre when location is refused or fails. */
export function useLocation(): LocationState {
  const [known, setKnown] = useState<KnownPosition | null>(() => positionStore.fresh());
  // A position found on another page in the last minutes is reused; otherwise the device is asked.
  const [attempt, setAttempt] = useState(() => (positionStore.fresh() ? 0 : 1));
  const [locating, setLocating] = useState(attempt > 0);

  useEffect(() => {
    if (attempt === 0) return;
    let active = true;
    setLocating(true);
    getCurrentPosition().then(
      (point) => {
        if (!active) return;
        const next: KnownPosition = { point, source: 'device', at: Date.now() };
        positionStore.remember(next);
        setKnown(next);
        setLocating(false);
      },
      (err: unknown) => {
        if (!active) return;
        const failure = err instanceof LocationError ? err.reason : 'unavailable';
        const next: KnownPosition = { point: WUHAN_CENTER, source: 'fallback', failure, at: Date.now() };
        positionStore.remember(next);
        setKnown(next);
        setLocating(false);
      },
    );
    return () => {
      active = false;
    };
  }, [attempt]);

  const pickDistrict = useCallback((name: string) => {
    const district = WUHAN_DISTRICTS.find((d) => d.name === name);
    if (!district) return;
    const next: KnownPosition = { point: district.center, source: 'district', district: name, at: Date.now() };
    positionStore.remember(next);
    setKnown(next);
  }, []);

  const deniedBefore = known?.source === 'fallback' && known.failure === 'denied';
  const relocate = useCallback(() => {
    if (!deniedBefore) {
      setAttempt((n) => n + 1);
      return;
    }
    void openLocationSettings().then(() => setAttempt((n) => n + 1));
  }, [deniedBefore]);

  return {
    position: known?.point ?? null,
    source: known?.source ?? null,
    district: known?.district,
    message: describe(known),
    locating,
    pickDistrict,
    relocate,
  };
}
