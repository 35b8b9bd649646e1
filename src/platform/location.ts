import Taro from '@tarojs/taro';
import type { LatLng } from '@/types/api';
import { wgs84ToGcj02 } from '@/utils/coords';
import { takeBootPosition } from './boot';

export type LocationFailure = 'denied' | 'unavailable' | 'timeout';

/** Why the device position could not be read. */
export class LocationError extends Error {
  constructor(
    readonly reason: LocationFailure,
    message: string,
  ) {
    super(message);
    this.name = 'LocationError';
  }
}

const TIMEOUT_MS = 10_000;

function classify(err: unknown): LocationError {
  const text = String((err as { errMsg?: string; message?: string })?.errMsg ?? (err as Error)?.message ?? err);
  if (/auth|deny|denied|permission|拒绝/i.test(text)) return new LocationError('denied', '未获得定位授权');
  if (/timeout|超时/i.test(text)) return new LocationError('timeout', '定位超时');
  return new LocationError('unavailable', '定位失败');
}

function readDevice(h5: boolean): Promise<LatLng> {
  return Taro.getLocation(
    h5 ? { type: 'wgs84', highAccuracyExpireTime: TIMEOUT_MS } : { type: 'gcj02', isHighAccuracy: false },
  ).then((res) => {
    const point = { lat: res.latitude, lng: res.longitude };
    return h5 ? wgs84ToGcj02(point) : point;
  });
}

/**
 * The device position in GCJ-02. WeChat gives GCJ-02 directly (`type: 'gcj02'`); Taro's H5
 * `getLocation` gives WGS-84 only, so the browser position is converted here. Never hangs: a prompt
 * the user ignores ends as a timeout.
 */
export function getCurrentPosition(): Promise<LatLng> {
  const h5 = process.env.TARO_ENV === 'h5';
  // On H5 the page may already have asked the browser while the app loaded (src/boot): use that answer.
  const read = takeBootPosition() ?? readDevice(h5);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LocationError('timeout', '定位超时')), TIMEOUT_MS + 1_000);
  });
  return Promise.race([read, timeout])
    .catch((err: unknown) => {
      throw err instanceof LocationError ? err : classify(err);
    })
    .finally(() => clearTimeout(timer));
}

/**
 * WeChat remembers a refused location permission and will not ask again: after a refusal, "重新定位"
 * opens the settings page where the user can allow it. Browsers ask (or not) by themselves.
 */
export async function openLocationSettings(): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') return;
  try {
    await Taro.openSetting();
  } catch {
    // The settings page could not open; asking for the position again still tells the user.
  }
}
